package isa.duckdb.domain;

/** A result column: its name and DuckDB's own type name ({@code DECIMAL(18,3)}, {@code INTEGER[]}, …). */
public record Column(String name, String type) {
}
