package isa.duckdb.bench;

import java.util.Locale;

/**
 * The server's heap while it streams a result many times its {@code -Xmx} through
 * ExecuteQueryStream: lineitem cross-joined with {@code range(k)}, {@code k} chosen from the wire
 * bytes a full scan took, sampled with {@link HeapProbe} (jstat) every 200 ms.
 */
final class HeapPart {
    private HeapPart() {
    }

    /**
     * Streams about {@code megabytes} MiB from the service (process {@code pid}) whose one-copy scan
     * took {@code scanBytes} on the wire for {@code rows} rows; answers the report line.
     */
    static String run(ServiceContender service, long pid, String xmx, long megabytes, long rows, long scanBytes)
            throws Exception {
        long perCopy = Math.max(1, scanBytes);
        long copies = Math.max(1, ((megabytes << 20) + perCopy - 1) / perCopy);
        String sql = "SELECT l.* FROM " + Lineitem.TABLE + " AS l, range(" + copies + ") AS copies(c)";
        ScanResult result;
        try (HeapProbe probe = HeapProbe.start(pid, 200)) {
            result = service.streamRows(sql, bytes -> { });
            probe.stop();
            if (result.rows() != rows * copies) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the heap stream delivered %,d rows of %,d", result.rows(), rows * copies));
            }
            double streamedMib = result.bytes() / 1048576.0;
            return String.format(Locale.ROOT,
                    "server heap while streaming %,.0f MiB (%.1f× its -Xmx%s, %,d rows) through ExecuteQueryStream "
                            + "in %.1f s: heap used peak %,d MiB, old generation peak %,d MiB (jstat -gc, %d samples)",
                    streamedMib, streamedMib / Options.megabytes(xmx), xmx, result.rows(), result.nanos() / 1e9,
                    probe.peakUsedKib() / 1024, probe.peakOldKib() / 1024, probe.samples());
        }
    }
}
