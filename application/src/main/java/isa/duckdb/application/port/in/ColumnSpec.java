package isa.duckdb.application.port.in;

/**
 * A column as a caller asks for it, unchecked.
 *
 * @param defaultValue an SQL expression, empty for none
 */
public record ColumnSpec(String name, String dataType, boolean nullable, String defaultValue, boolean primaryKey,
        boolean unique, String comment) {
}
