package isa.duckdb.application.port.out;

import isa.duckdb.domain.Column;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one file format of the fake engine, whatever format was asked for: a CSV with a header
 * line, texts always double-quoted, NULL as an empty unquoted field. Reading infers each column's
 * type the way DuckDB's {@code read_csv} does for such files: whole numbers BIGINT, other numbers
 * DOUBLE, {@code true}/{@code false} BOOLEAN, anything quoted VARCHAR.
 */
final class FakeCsv {
    private FakeCsv() {
    }

    /** The rows of a file, as a query over it would answer. */
    record Content(List<Column> columns, List<Value[]> rows) {
    }

    /** Refuses a file outside the scratch folder like DuckDB's sandbox (INVALID_ARGUMENT, no path in the text). */
    static void checkAccess(Path scratch, Path file) {
        if (scratch == null || !file.toAbsolutePath().normalize().startsWith(scratch.toAbsolutePath().normalize())) {
            throw ServiceException.invalid("Permission Error: Cannot access file \"<path>\" - file system operations"
                    + " are disabled by configuration");
        }
    }

    static long write(Path file, List<Column> columns, List<Value[]> rows) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(quote(c.name())));
        csv.append(String.join(",", header)).append('\n');
        for (Value[] row : rows) {
            List<String> fields = new ArrayList<>();
            for (Value value : row) {
                fields.add(value instanceof Value.Null ? "" : value instanceof Value.Text t ? quote(t.value())
                        : FakeTypes.text(value));
            }
            csv.append(String.join(",", fields)).append('\n');
        }
        try {
            Files.writeString(file, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "IO Error: could not write the file", e);
        }
        return rows.size();
    }

    static Content read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "IO Error: No files found that match the pattern \""
                    + file.getFileName() + "\"", e);
        }
        if (lines.isEmpty()) {
            throw ServiceException.invalid("Invalid Input Error: the file is empty");
        }
        List<String> names = new ArrayList<>();
        parse(lines.get(0)).forEach(field -> names.add(field.text()));
        List<List<Field>> records = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<Field> fields = parse(line);
            if (fields.size() != names.size()) {
                throw ServiceException.invalid("Invalid Input Error: CSV Error: expected " + names.size()
                        + " fields, found " + fields.size());
            }
            records.add(fields);
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            columns.add(new Column(names.get(c), inferType(records, c)));
        }
        List<Value[]> rows = new ArrayList<>();
        for (List<Field> fields : records) {
            Value[] row = new Value[fields.size()];
            for (int c = 0; c < row.length; c++) {
                Field field = fields.get(c);
                row[c] = !field.quoted() && field.text().isEmpty() ? Value.NULL
                        : FakeTypes.coerce(new Value.Text(field.text()), columns.get(c).type());
            }
            rows.add(row);
        }
        return new Content(columns, rows);
    }

    private record Field(String text, boolean quoted) {
    }

    private static String inferType(List<List<Field>> records, int column) {
        String type = null;
        for (List<Field> record : records) {
            Field field = record.get(column);
            if (!field.quoted() && field.text().isEmpty()) {
                continue;
            }
            String own = field.quoted() ? "VARCHAR" : field.text().matches("-?\\d+") ? "BIGINT"
                    : field.text().matches("-?\\d*\\.\\d+(E-?\\d+)?") ? "DOUBLE"
                    : field.text().matches("true|false") ? "BOOLEAN" : "VARCHAR";
            if (type == null || type.equals(own)) {
                type = own;
            } else {
                type = (type.equals("BIGINT") && own.equals("DOUBLE")) || (type.equals("DOUBLE") && own.equals("BIGINT"))
                        ? "DOUBLE" : "VARCHAR";
            }
        }
        return type == null ? "VARCHAR" : type;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static List<Field> parse(String line) {
        List<Field> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            StringBuilder text = new StringBuilder();
            boolean quoted = pos < line.length() && line.charAt(pos) == '"';
            if (quoted) {
                pos++;
                while (pos < line.length()) {
                    char c = line.charAt(pos++);
                    if (c == '"' && pos < line.length() && line.charAt(pos) == '"') {
                        text.append('"');
                        pos++;
                    } else if (c == '"') {
                        break;
                    } else {
                        text.append(c);
                    }
                }
            }
            while (pos < line.length() && line.charAt(pos) != ',') {
                text.append(line.charAt(pos++));
            }
            fields.add(new Field(text.toString(), quoted));
            if (pos >= line.length()) {
                return fields;
            }
            pos++;
        }
    }
}
