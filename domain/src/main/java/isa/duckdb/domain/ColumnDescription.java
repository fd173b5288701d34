package isa.duckdb.domain;

/**
 * A column as the engine's catalog describes it.
 *
 * @param dataType DuckDB's own type name
 * @param defaultValue the default expression as DuckDB prints it, empty when there is none
 * @param unique whether the column alone is unique (its own UNIQUE constraint or a one-column primary key)
 */
public record ColumnDescription(String name, String dataType, boolean nullable, String defaultValue,
        boolean primaryKey, boolean unique, String comment) {
}
