package isa.duckdb.bench;

/**
 * What one full scan delivered: rows, the {@link Checksum} value over every value, the bytes
 * the client received (protobuf or Arrow IPC bytes; 0 where not measured) and the wall time in
 * nanoseconds from sending the query to the last value touched.
 */
public record ScanResult(long rows, long checksum, long bytes, long nanos) {
    /** The result of a checksum after a scan that took {@code nanos}. */
    public static ScanResult of(Checksum checksum, long bytes, long nanos) {
        return new ScanResult(checksum.rows(), checksum.value(), bytes, nanos);
    }

    /** True when both delivered the same rows (count and checksum). */
    public boolean sameDataAs(ScanResult other) {
        return rows == other.rows && checksum == other.checksum;
    }
}
