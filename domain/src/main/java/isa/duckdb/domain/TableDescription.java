package isa.duckdb.domain;

import java.util.List;

/**
 * A table as the engine's catalog describes it.
 *
 * @param tableType {@code BASE TABLE} or {@code LOCAL TEMPORARY}, as in information_schema
 * @param rowCount exact
 * @param sizeBytes an estimate from the engine's storage layout
 */
public record TableDescription(String schemaName, String name, String tableType, List<ColumnDescription> columns,
        long rowCount, long sizeBytes, String comment) {

    public TableDescription {
        columns = List.copyOf(columns);
    }
}
