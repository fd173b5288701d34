package isa.duckdb.adapters.duckdb;

/** Queries over DuckDB's catalog functions, limited to the database's own user objects. */
final class CatalogQueries {
    private CatalogQueries() {
    }

    private static final String OWN = "database_name = current_database() AND NOT internal";

    /** Base tables, one of a name first when several differ only in case. Parameters: schema, name, schema, name. */
    static final String FIND_TABLE = """
            SELECT schema_name, table_name, coalesce(comment, '') FROM duckdb_tables()
            WHERE %s AND NOT temporary AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?)
            ORDER BY (schema_name = ? AND table_name = ?) DESC LIMIT 1""".formatted(OWN);

    /** Parameters: schema or NULL, name filter (may be empty). */
    static final String LIST_TABLES = """
            SELECT schema_name, table_name, coalesce(comment, '') FROM duckdb_tables()
            WHERE %s AND NOT temporary AND (CAST(? AS VARCHAR) IS NULL OR lower(schema_name) = lower(?))
              AND contains(lower(table_name), lower(?))
            ORDER BY schema_name, table_name""".formatted(OWN);

    /** Parameters: schema or NULL, table or NULL (NULL: every table). */
    static final String COLUMNS = """
            SELECT schema_name, table_name, column_name, data_type, is_nullable, coalesce(column_default, ''),
                   coalesce(comment, '')
            FROM duckdb_columns()
            WHERE %s AND (CAST(? AS VARCHAR) IS NULL OR schema_name = ?) AND (CAST(? AS VARCHAR) IS NULL OR table_name = ?)
            ORDER BY schema_name, table_name, column_index""".formatted(OWN);

    /** One row per column of each key and unique constraint. Parameters as {@link #COLUMNS}. */
    static final String KEY_COLUMNS = """
            SELECT schema_name, table_name, constraint_type, len(constraint_column_names),
                   unnest(constraint_column_names)
            FROM duckdb_constraints()
            WHERE database_name = current_database() AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')
              AND (CAST(? AS VARCHAR) IS NULL OR schema_name = ?) AND (CAST(? AS VARCHAR) IS NULL OR table_name = ?)""";

    /** Parameters: schema, name. */
    static final String FIND_VIEW = """
            SELECT schema_name, view_name FROM duckdb_views()
            WHERE %s AND NOT temporary AND lower(schema_name) = lower(?) AND lower(view_name) = lower(?)"""
            .formatted(OWN);

    static final String LIST_VIEWS = """
            SELECT schema_name, view_name FROM duckdb_views()
            WHERE %s AND NOT temporary ORDER BY schema_name, view_name""".formatted(OWN);

    static final String EXTENSIONS = """
            SELECT extension_name,
                   coalesce(nullif(extension_version, ''),
                            CASE WHEN install_mode = 'STATICALLY_LINKED'
                                 THEN (SELECT library_version FROM pragma_version()) END, ''),
                   installed, loaded, coalesce(description, '')
            FROM duckdb_extensions() ORDER BY extension_name""";

    /**
     * Bytes a table takes, estimated from its storage segments: for a segment on disk, the space up
     * to the table's next segment in the same block (at most the segment's raw width), plus its
     * overflow blocks; for a segment only in memory, its rows times the type's raw width.
     * Format argument: the table's name as a string literal.
     */
    static final String ESTIMATED_SIZE = """
            WITH block AS (SELECT block_size FROM pragma_database_size()),
            segment AS (
                SELECT persistent, block_id, block_offset, count, additional_block_ids,
                       lead(block_offset) OVER (PARTITION BY block_id ORDER BY block_offset) AS next_offset,
                       CASE WHEN segment_type = 'VALIDITY' THEN count // 8 + 1
                            WHEN segment_type IN ('BOOLEAN', 'TINYINT', 'UTINYINT') THEN count
                            WHEN segment_type IN ('SMALLINT', 'USMALLINT') THEN count * 2
                            WHEN segment_type IN ('INTEGER', 'UINTEGER', 'FLOAT', 'DATE') THEN count * 4
                            WHEN segment_type IN ('HUGEINT', 'UHUGEINT', 'UUID', 'INTERVAL') THEN count * 16
                            WHEN segment_type IN ('VARCHAR', 'BLOB', 'BIT') THEN count * 32
                            ELSE count * 8 END AS raw_bytes
                FROM pragma_storage_info(%s))
            SELECT coalesce(sum(
                CASE WHEN persistent AND block_id >= 0
                         THEN least(coalesce(next_offset, (SELECT block_size FROM block)) - block_offset, raw_bytes)
                     WHEN persistent THEN 0
                     ELSE raw_bytes END
                + (SELECT block_size FROM block) * coalesce(len(additional_block_ids), 0)), 0)::BIGINT
            FROM segment""";
}
