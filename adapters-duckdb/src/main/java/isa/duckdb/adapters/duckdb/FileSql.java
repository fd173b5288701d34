package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.FileFormat;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.FileOptions.OptionValue;
import java.nio.file.Path;
import java.util.Map;

/** DuckDB's SQL for reading and writing files, with checked options rendered as literals. */
final class FileSql {
    private FileSql() {
    }

    static String reader(Path file, FileOptions options) {
        StringBuilder sql = new StringBuilder(readFunction(options.format())).append('(').append(literal(file.toString()));
        for (Map.Entry<String, OptionValue> option : options.values().entrySet()) {
            sql.append(", ").append(option.getKey()).append(" = ").append(literal(option.getValue()));
        }
        return sql.append(')').toString();
    }

    static String copyTo(String query, Path file, FileOptions options) {
        StringBuilder sql = new StringBuilder("COPY (\n").append(query).append("\n) TO ").append(literal(file.toString()))
                .append(" (FORMAT ").append(options.format().extension());
        for (Map.Entry<String, OptionValue> option : options.values().entrySet()) {
            sql.append(", ").append(option.getKey()).append(' ').append(literal(option.getValue()));
        }
        return sql.append(')').toString();
    }

    private static String readFunction(FileFormat format) {
        switch (format) {
            case CSV:
                return "read_csv";
            case PARQUET:
                return "read_parquet";
            default:
                return "read_json";
        }
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String literal(OptionValue value) {
        if (value instanceof FileOptions.Flag flag) {
            return Boolean.toString(flag.value());
        }
        if (value instanceof FileOptions.Number number) {
            return Long.toString(number.value());
        }
        return literal(((FileOptions.Text) value).value());
    }
}
