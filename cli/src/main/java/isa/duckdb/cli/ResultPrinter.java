package isa.duckdb.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import isa.duckdb.api.Row;
import isa.duckdb.api.Value;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Prints a streamed result as it arrives: columns first, then rows chunk by chunk, then the end. */
interface ResultPrinter {

    void columns(List<String> names);

    void row(Row row);

    /** After the last row; {@code rows} is how many there were. */
    void end(long rows);

    /** The printer for {@code --format}: table, csv or json. */
    static ResultPrinter of(String format, PrintWriter out) {
        return switch (format) {
            case "table" -> new Table(out);
            case "csv" -> new Csv(out);
            case "json" -> new JsonLines(out);
            default -> throw new CliFailure("USAGE", "--format must be table, csv, json or arrow, got '" + format + "'");
        };
    }

    /** Aligned columns; widths from the first {@link #WIDTH_ROWS} rows, which are the only ones held. */
    final class Table implements ResultPrinter {
        static final int WIDTH_ROWS = 1000;
        private final PrintWriter out;
        private TextTable table;
        private long held;
        private boolean printed;

        Table(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void columns(List<String> names) {
            table = new TextTable(names);
        }

        @Override
        public void row(Row row) {
            List<String> cells = new ArrayList<>(row.getValuesCount());
            for (Value value : row.getValuesList()) {
                String text = Cells.text(value);
                cells.add(text == null ? "NULL" : text.replace('\n', ' '));
            }
            if (printed) {
                table.printMore(out, cells);
                return;
            }
            table.add(cells);
            if (++held == WIDTH_ROWS) {
                table.print(out);
                printed = true;
            }
        }

        @Override
        public void end(long rows) {
            if (!printed) {
                table.print(out);
            }
            out.println("(" + rows + (rows == 1 ? " row)" : " rows)"));
        }
    }

    /** RFC 4180 CSV with a header line; NULL is an empty field. */
    final class Csv implements ResultPrinter {
        private final CSVPrinter csv;

        Csv(PrintWriter out) {
            try {
                csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void columns(List<String> names) {
            print(names);
        }

        @Override
        public void row(Row row) {
            List<String> cells = new ArrayList<>(row.getValuesCount());
            row.getValuesList().forEach(value -> cells.add(Cells.text(value)));
            print(cells);
        }

        private void print(List<String> record) {
            try {
                csv.printRecord(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void end(long rows) {
            try {
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One JSON object per row and line (JSON Lines), keyed by column name. */
    final class JsonLines implements ResultPrinter {
        private final PrintWriter out;
        private List<String> names = List.of();

        JsonLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void columns(List<String> columns) {
            names = columns;
        }

        @Override
        public void row(Row row) {
            try {
                JsonGenerator json = Cells.JSON.createGenerator(out);
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.writeStartObject();
                for (int i = 0; i < row.getValuesCount(); i++) {
                    json.writeFieldName(i < names.size() ? names.get(i) : "column" + i);
                    Cells.write(json, row.getValues(i));
                }
                json.writeEndObject();
                json.flush();
                out.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void end(long rows) {
            out.flush();
        }
    }
}
