package isa.duckdb.adapters.grpc;

import java.time.Duration;

/**
 * @param targetChunkBytes a streamed chunk is cut once its rows reach this size
 * @param maxChunkBytes no message is ever larger (the default gRPC receive limit is 4 MiB)
 * @param maxUnaryResponseBytes a unary query result larger than this is refused with RESOURCE_EXHAUSTED
 * @param streamIdleTimeout a result stream whose client takes nothing for this long is ended with DEADLINE_EXCEEDED
 *     and its query stopped ({@code --stream-idle-timeout}); zero: never
 * @param maxUploadBytes bytes one ImportData stream may carry ({@code --max-upload-size}); zero: no limit
 * @param uploadIdleTimeout an ImportData stream sending nothing for this long is ended ({@code --upload-idle-timeout})
 */
public record StreamLimits(long targetChunkBytes, long maxChunkBytes, long maxUnaryResponseBytes,
        Duration streamIdleTimeout, long maxUploadBytes, Duration uploadIdleTimeout) {
    private static final long MIB = 1024 * 1024;

    /** Limits that never end a stream for idling and take uploads of any size. */
    public StreamLimits(long targetChunkBytes, long maxChunkBytes, long maxUnaryResponseBytes) {
        this(targetChunkBytes, maxChunkBytes, maxUnaryResponseBytes, Duration.ZERO, 0, Duration.ZERO);
    }

    public static StreamLimits defaults() {
        return new StreamLimits(MIB, 4 * MIB - 64 * 1024, 4 * MIB - 64 * 1024);
    }

    /** These limits with the bounds of issue 12 against idle streams and endless uploads. */
    public StreamLimits withBounds(Duration streamIdle, long maxUpload, Duration uploadIdle) {
        return new StreamLimits(targetChunkBytes, maxChunkBytes, maxUnaryResponseBytes, streamIdle, maxUpload,
                uploadIdle);
    }

    /** The largest Arrow IPC bytes one record batch may take before it is sent: a few messages' worth. */
    public long maxArrowBatchBytes() {
        return 4 * maxChunkBytes;
    }
}
