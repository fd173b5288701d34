package isa.duckdb.adapters.grpc;

/**
 * @param targetChunkBytes a streamed chunk is cut once its rows reach this size
 * @param maxChunkBytes no message is ever larger (the default gRPC receive limit is 4 MiB)
 * @param maxUnaryResponseBytes a unary query result larger than this is refused with RESOURCE_EXHAUSTED
 */
public record StreamLimits(long targetChunkBytes, long maxChunkBytes, long maxUnaryResponseBytes) {
    private static final long MIB = 1024 * 1024;

    public static StreamLimits defaults() {
        return new StreamLimits(MIB, 4 * MIB - 64 * 1024, 4 * MIB - 64 * 1024);
    }
}
