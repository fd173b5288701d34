package isa.duckdb.adapters.grpc;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/** Rows, bytes and chunks streamed, for operators and benchmarks. */
@Singleton
public final class StreamStats {
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicLong largestChunk = new AtomicLong();

    /** All zero; one instance counts for the whole service (streams add, health details read). */
    @Inject
    public StreamStats() {
    }

    void chunkSent(int rowCount, int chunkBytes) {
        rows.addAndGet(rowCount);
        bytes.addAndGet(chunkBytes);
        chunks.incrementAndGet();
        largestChunk.accumulateAndGet(chunkBytes, Math::max);
    }

    public long rows() {
        return rows.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long chunks() {
        return chunks.get();
    }

    public long largestChunkBytes() {
        return largestChunk.get();
    }
}
