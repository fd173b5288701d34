package isa.duckdb.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.Row;
import isa.duckdb.api.Value;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * What this machine allows whatever the service does (README, "Where the goals stand, and this machine's
 * ceilings"); prints one line per measurement.
 *
 * <ul>
 *   <li>{@code grpc [--rounds 8] [--seconds 3]}: a gRPC server whose {@code ExecuteQuery} answers {@code SELECT 1}'s
 *       response without doing anything (grpc-java's Netty transport, calls on a {@link ForkJoinPool} like the
 *       service's), in a child JVM on loopback; this JVM calls it from 1 and 16 client threads, one connection
 *       each, as the bench calls the service. Every round is printed: the first ones show the JIT warming up.</li>
 *   <li>{@code rows HOST:PORT USER DATABASE [--rounds 5] [--sql SQL]}: streams the SQL (default the bench's
 *       lineitem scan) once through {@code ExecuteQueryStream}, keeps the chunks' bytes, then parses them with
 *       the generated protobuf classes and touches every value, from memory: the least a Java client of the row
 *       format spends on that result, with no transport and no server.</li>
 * </ul>
 *
 * {@code java -cp bench/target/bench.jar isa.duckdb.bench.Ceilings grpc}
 */
public final class Ceilings {
    private static final int MAX_MESSAGE_BYTES = 64 << 20;
    private static final int MANY_CLIENTS = 16;

    private Ceilings() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Ceilings grpc [--rounds N] [--seconds S] | rows HOST:PORT USER DATABASE"
                    + " [--rounds N] [--sql SQL]");
            System.exit(2);
        }
        switch (args[0]) {
            case "serve" -> serve(Integer.parseInt(args[1]));
            case "grpc" -> grpc(option(args, "--rounds", 8), option(args, "--seconds", 3));
            case "rows" -> rows(args[1], args[2], args[3], option(args, "--rounds", 5), text(args, "--sql", Lineitem.SCAN));
            default -> {
                System.err.println("unknown part " + args[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static void grpc(int rounds, int seconds) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Ceilings.class.getName(), "serve", Integer.toString(port)).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"ready".equals(line)) {
                throw new IllegalStateException("the empty server did not start: " + line);
            }
            List<ManagedChannel> channels = new ArrayList<>();
            ExecuteQueryRequest request = ExecuteQueryRequest.newBuilder().setUserId("bench_user")
                    .setDatabaseId("ceiling").setQuery("SELECT 1").build();
            RateRunner.CallerFactory callers = thread -> {
                ManagedChannel channel;
                synchronized (channels) {
                    while (channels.size() <= thread) {
                        channels.add(ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
                    }
                    channel = channels.get(thread);
                }
                DuckDBServiceGrpc.DuckDBServiceBlockingStub stub = DuckDBServiceGrpc.newBlockingStub(channel);
                return () -> {
                    if (stub.executeQuery(request).getRows(0).getValues(0).getIntValue() != 1) {
                        throw new IllegalStateException("the empty server answered no 1");
                    }
                };
            };
            for (int clients : new int[] {1, MANY_CLIENTS}) {
                for (int round = 1; round <= rounds; round++) {
                    RateRunner.Rate rate = RateRunner.run(clients, Duration.ofSeconds(seconds), 2_000_000, callers);
                    System.out.printf(Locale.ROOT, "empty gRPC ExecuteQuery, %2d client(s), round %d: %,.0f calls/s,"
                            + " p50 %.3f ms%n", clients, round, rate.perSecond(), rate.p50Millis());
                }
            }
            channels.forEach(ManagedChannel::shutdownNow);
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The empty server of {@code grpc}, run in its own JVM; prints {@code ready} once it listens. */
    private static void serve(int port) throws Exception {
        ExecuteQueryResponse answer = ExecuteQueryResponse.newBuilder().setSuccess(true).addColumns("1")
                .addColumnTypes("INTEGER").addRows(Row.newBuilder().addValues(Value.newBuilder().setIntValue(1)))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .executor(new ForkJoinPool(64, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true))
                .addService(new DuckDBServiceGrpc.DuckDBServiceImplBase() {
                    @Override
                    public void executeQuery(ExecuteQueryRequest request, StreamObserver<ExecuteQueryResponse> response) {
                        response.onNext(answer);
                        response.onCompleted();
                    }
                })
                .build().start();
        System.out.println("ready");
        System.out.flush();
        server.awaitTermination();
    }

    private static void rows(String address, String user, String database, int rounds, String sql) {
        int colon = address.lastIndexOf(':');
        ManagedChannel channel = ManagedChannelBuilder.forAddress(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1))).usePlaintext().maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build();
        List<byte[]> chunks = new ArrayList<>();
        long bytes = 0;
        Iterator<QueryResultChunk> stream = DuckDBServiceGrpc.newBlockingStub(channel).executeQueryStream(
                ExecuteQueryRequest.newBuilder().setUserId(user).setDatabaseId(database).setQuery(sql).build());
        while (stream.hasNext()) {
            QueryResultChunk chunk = stream.next();
            if (!chunk.getSuccess()) {
                throw new IllegalStateException("ExecuteQueryStream failed: " + chunk.getError());
            }
            byte[] encoded = chunk.toByteArray();
            chunks.add(encoded);
            bytes += encoded.length;
        }
        channel.shutdownNow();
        System.out.printf(Locale.ROOT, "kept %d chunks, %,d bytes%n", chunks.size(), bytes);
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long rows = 0;
            long touched = 0;
            for (byte[] encoded : chunks) {
                try {
                    for (Row row : QueryResultChunk.parseFrom(encoded).getRowsList()) {
                        rows++;
                        for (Value value : row.getValuesList()) {
                            touched += touch(value);
                        }
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException("a kept chunk does not parse", e);
                }
            }
            System.out.printf(Locale.ROOT, "parse and touch from memory, round %d: %.3f s (%,d rows, sum %d)%n", round,
                    (System.nanoTime() - start) / 1e9, rows, touched);
        }
    }

    private static long touch(Value value) {
        return switch (value.getValueCase()) {
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> (long) value.getDoubleValue();
            case BOOL_VALUE -> value.getBoolValue() ? 1 : 0;
            case STRING_VALUE -> {
                String text = value.getStringValue();
                long sum = text.length();
                for (int i = 0; i < text.length(); i++) {
                    sum += text.charAt(i);
                }
                yield sum;
            }
            default -> value.getSerializedSize();
        };
    }

    private static int option(String[] args, String name, int fallback) {
        return Integer.parseInt(text(args, name, Integer.toString(fallback)));
    }

    private static String text(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
