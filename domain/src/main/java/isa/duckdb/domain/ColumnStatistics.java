package isa.duckdb.domain;

/** Exact figures of one column; min and max are {@link Value#NULL} when the column has no values or no order. */
public record ColumnStatistics(String name, long distinctCount, Value min, Value max, long nullCount) {
}
