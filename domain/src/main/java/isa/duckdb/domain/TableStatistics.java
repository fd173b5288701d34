package isa.duckdb.domain;

import java.util.List;

/** @param sizeBytes an estimate from the engine's storage layout; @param columns empty unless asked for */
public record TableStatistics(String name, long rowCount, long sizeBytes, List<ColumnStatistics> columns) {

    public TableStatistics {
        columns = List.copyOf(columns);
    }
}
