package isa.duckdb.domain;

/** An extension the engine knows of, as {@code duckdb_extensions()} reports it. */
public record EngineExtension(String name, String version, boolean installed, boolean loaded, String description) {
}
