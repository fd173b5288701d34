package isa.duckdb.e2e;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.DeleteDatabaseRequest;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteStatementRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Small-call throughput of a live endpoint: {@code SELECT 1} and single-row INSERTs, from 1 and
 * from N client threads. Usage: {@code … isa.duckdb.e2e.QueryLatencyBenchmark [host:port] [calls] [threads]}
 */
public final class QueryLatencyBenchmark {
    private QueryLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Endpoint endpoint = Endpoint.parse(args.length > 0 ? args[0] : "localhost:50052");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        ManagedChannel channel = ManagedChannelBuilder.forAddress(endpoint.host(), endpoint.port()).usePlaintext().build();
        var stub = DuckDBServiceGrpc.newBlockingStub(channel);
        String user = "bench_user";
        String database = "latency_" + UUID.randomUUID().toString().substring(0, 8);
        stub.createDatabase(CreateDatabaseRequest.newBuilder().setUserId(user).setDatabaseName(database).build());
        stub.executeStatement(ExecuteStatementRequest.newBuilder().setUserId(user).setDatabaseId(database)
                .setStatement("CREATE TABLE hits(n INTEGER)").build());
        ExecuteQueryRequest select = ExecuteQueryRequest.newBuilder().setUserId(user).setDatabaseId(database)
                .setQuery("SELECT 1").build();
        ExecuteStatementRequest insert = ExecuteStatementRequest.newBuilder().setUserId(user).setDatabaseId(database)
                .setStatement("INSERT INTO hits VALUES (1)").build();
        try {
            run("warm-up SELECT 1", 1, calls, () -> stub.executeQuery(select).getSuccess());
            run("SELECT 1", 1, calls, () -> stub.executeQuery(select).getSuccess());
            run("SELECT 1", threads, calls, () -> stub.executeQuery(select).getSuccess());
            run("single-row INSERT", 1, calls / 5, () -> stub.executeStatement(insert).getSuccess());
            run("single-row INSERT", threads, calls / 5, () -> stub.executeStatement(insert).getSuccess());
        } finally {
            stub.deleteDatabase(DeleteDatabaseRequest.newBuilder().setUserId(user).setDatabaseId(database)
                    .setDeleteFromMinio(true).setForce(true).build());
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    interface Call {
        boolean call();
    }

    private static void run(String name, int threads, int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                int failed = 0;
                for (int i = 0; i < calls / threads; i++) {
                    failed += call.call() ? 0 : 1;
                }
                return failed;
            }));
        }
        int failed = 0;
        for (Future<Integer> result : results) {
            failed += result.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = (calls / threads) * threads;
        System.out.printf("%-20s %2d thread(s): %,7d calls in %5.2f s = %,8.0f calls/s, mean %6.3f ms%s%n", name, threads,
                done, seconds, done / seconds, seconds * 1000 * threads / done, failed == 0 ? "" : " (" + failed + " failed)");
    }
}
