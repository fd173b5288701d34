package isa.duckdb.application.port.out;

/**
 * A column of a table of the fake engine, with the constraints it was created with.
 *
 * @param type DuckDB's normalized type name ({@code INTEGER}, {@code VARCHAR}, …), see {@link FakeTypes}
 * @param defaultValue the default expression as given, empty when there is none
 * @param unique whether the column alone is unique (its own UNIQUE or a one-column primary key)
 */
record FakeColumn(String name, String type, boolean nullable, String defaultValue, boolean primaryKey,
        boolean unique, String comment) {
}
