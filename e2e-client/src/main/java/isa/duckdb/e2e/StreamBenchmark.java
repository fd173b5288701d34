package isa.duckdb.e2e;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.QueryResultChunk;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Streams a generated result from a live endpoint and prints throughput and chunk sizes.
 * Usage: {@code java -cp e2e-client.jar isa.duckdb.e2e.StreamBenchmark [host:port] [rows] [repeats]}
 */
public final class StreamBenchmark {
    private StreamBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        Endpoint endpoint = Endpoint.parse(args.length > 0 ? args[0] : "localhost:50052");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ManagedChannel channel = ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port()).usePlaintext()
                .maxInboundMessageSize(8 * 1024 * 1024).build();
        var stub = DuckDBServiceGrpc.newBlockingStub(channel);
        String user = "bench_user";
        String database = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        stub.createDatabase(CreateDatabaseRequest.newBuilder().setUserId(user).setDatabaseName(database).build());
        try {
            String sql = "SELECT i AS id, i * 2 AS doubled, 'label-' || i AS label, i / 7.0 AS ratio FROM range(" + rows + ") t(i)";
            for (int run = 1; run <= repeats; run++) {
                long start = System.nanoTime();
                Iterator<QueryResultChunk> chunks = stub.executeQueryStream(ExecuteQueryRequest.newBuilder()
                        .setUserId(user).setDatabaseId(database).setQuery(sql).build());
                long received = 0;
                long bytes = 0;
                long largest = 0;
                int count = 0;
                while (chunks.hasNext()) {
                    QueryResultChunk chunk = chunks.next();
                    if (!chunk.getSuccess()) {
                        throw new IllegalStateException(chunk.getError());
                    }
                    received += chunk.getRowsCount();
                    int size = chunk.getSerializedSize();
                    bytes += size;
                    largest = Math.max(largest, size);
                    count++;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("run %d: %,d rows in %.2f s = %,.0f rows/s, %.1f MB/s; %d chunks, average %,d bytes,"
                        + " largest %,d bytes%n", run, received, seconds, received / seconds, bytes / seconds / 1e6, count,
                        bytes / Math.max(count, 1), largest);
            }
        } finally {
            stub.deleteDatabase(DeleteDatabaseRequest.newBuilder().setUserId(user).setDatabaseId(database)
                    .setDeleteFromMinio(true).setForce(true).build());
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
