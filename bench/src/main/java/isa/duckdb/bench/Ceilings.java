package isa.duckdb.bench;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;

/**
 * What this machine allows whatever the service does (README, "Where the goals stand, and this machine's
 * ceilings"); prints one line per measurement.
 *
 * <ul>
 *   <li>{@code grpc [--rounds 12] [--seconds 3]}: a gRPC server whose {@code ExecuteQuery} answers {@code SELECT 1}'s
 *       response without doing anything (grpc-java's Netty transport, calls on a {@link ForkJoinPool} like the
 *       service's), in a child JVM on loopback (it exits when this JVM does); this JVM first warms both with
 *       {@code rounds} unmeasured rounds at 16 clients, then measures {@code rounds} rounds at 1 and at 16 client
 *       threads with the bench's own client ({@link ServiceContender#selectOne}, one connection each), and prints
 *       every round.</li>
 *   <li>{@code rows HOST:PORT DATABASE [--load ROWS] [--rounds 5]}: with {@code --load}, first creates
 *       {@code DATABASE} of the bench's tenant ({@code bench_user}) holding the bench's {@code lineitem} of
 *       {@code ROWS} rows ({@link ServiceContender#load}); then streams the bench's lineitem scan once through
 *       {@code ExecuteQueryStream} of a running service (plain text, no token), keeps the chunks' bytes in memory
 *       (about 350 MB for the bench's 2M rows: give the JVM {@code -Xmx2g}), then parses them with the generated
 *       protobuf classes and touches every value as the bench's row-scan client does
 *       ({@link ServiceContender#touchRows}): the least that client spends on the result, with no transport and no
 *       server.</li>
 * </ul>
 *
 * {@code java -cp bench/target/bench.jar isa.duckdb.bench.Ceilings grpc}
 */
public final class Ceilings {
    private static final int MANY_CLIENTS = 16;

    private Ceilings() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Ceilings grpc [--rounds N] [--seconds S] | rows HOST:PORT DATABASE"
                    + " [--load ROWS] [--rounds N]");
            System.exit(2);
        }
        switch (args[0]) {
            case "serve" -> serve();
            case "grpc" -> grpc(option(args, "--rounds", 12), option(args, "--seconds", 3));
            case "rows" -> {
                if (args.length < 3 || args[1].startsWith("--") || args[2].startsWith("--")) {
                    System.err.println("usage: Ceilings rows HOST:PORT DATABASE [--load ROWS] [--rounds N]");
                    System.exit(2);
                }
                rows(args[1], args[2], Long.parseLong(text(args, "--load", "0")), option(args, "--rounds", 5));
            }
            default -> {
                System.err.println("unknown part " + args[0] + "; usage: Ceilings grpc | rows HOST:PORT DATABASE");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static void grpc(int rounds, int seconds) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Ceilings.class.getName(), "serve").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
        try (RootAllocator allocator = new RootAllocator();
                ServiceContender client = new ServiceContender("127.0.0.1", readyPort(server), "ceiling", allocator)) {
            for (int round = 1; round <= rounds; round++) {
                RateRunner.run(MANY_CLIENTS, Duration.ofSeconds(seconds), maxCalls(seconds, MANY_CLIENTS),
                        client::selectOne);
            }
            for (int clients : new int[] {1, MANY_CLIENTS}) {
                for (int round = 1; round <= rounds; round++) {
                    RateRunner.Rate rate = RateRunner.run(clients, Duration.ofSeconds(seconds),
                            maxCalls(seconds, clients), client::selectOne);
                    System.out.printf(Locale.ROOT, "empty gRPC ExecuteQuery, %2d client(s), round %d: %,.0f calls/s,"
                            + " p50 %.3f ms%n", clients, round, rate.perSecond(), rate.p50Millis());
                }
            }
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Calls one client thread may make in a round: room for 100,000 calls/s over all threads, at least 1,000. */
    private static int maxCalls(int seconds, int clients) {
        return Math.max(1_000, seconds * 100_000 / clients);
    }

    /** Waits up to a minute for the child's {@code ready PORT} line, skipping any line the JVM prints first. */
    private static int readyPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<Integer> port = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("ready ")) {
                        return Integer.parseInt(line.substring("ready ".length()));
                    }
                }
                throw new IllegalStateException("the empty server ended before it listened");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }

    /**
     * The empty server of {@code grpc}, run in its own JVM on a free loopback port; prints {@code ready PORT} once it
     * listens, and exits when its standard input ends (the parent JVM is gone).
     */
    private static void serve() throws Exception {
        ExecuteQueryResponse answer = ExecuteQueryResponse.newBuilder().setSuccess(true).addColumns("1")
                .addColumnTypes("INTEGER").addRows(Row.newBuilder().addValues(Value.newBuilder().setIntValue(1)))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .executor(new ForkJoinPool(64, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true))
                .addService(new DuckDBServiceGrpc.DuckDBServiceImplBase() {
                    @Override
                    public void executeQuery(ExecuteQueryRequest request, StreamObserver<ExecuteQueryResponse> response) {
                        response.onNext(answer);
                        response.onCompleted();
                    }
                })
                .build().start();
        System.out.println("ready " + ((InetSocketAddress) server.getListenSockets().get(0)).getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // the parent writes nothing; end of input means it is gone
        }
        server.shutdownNow();
        System.exit(0);
    }

    private static void rows(String address, String database, long load, int rounds) {
        int colon = address.lastIndexOf(':');
        try (RootAllocator allocator = new RootAllocator(); ServiceContender service = new ServiceContender(
                address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), database, allocator)) {
            if (load > 0) {
                service.load(load);
                System.out.printf(Locale.ROOT, "loaded %,d lineitem rows into %s%n", load, database);
            }
            List<byte[]> chunks = new ArrayList<>();
            long bytes = 0;
            for (Iterator<QueryResultChunk> stream = service.stream(Lineitem.SCAN); stream.hasNext(); ) {
                byte[] encoded = stream.next().toByteArray();
                chunks.add(encoded);
                bytes += encoded.length;
            }
            System.out.printf(Locale.ROOT, "kept %d chunks, %,d bytes%n", chunks.size(), bytes);
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                ScanResult scan = ServiceContender.touchRows(chunks.stream().map(Ceilings::parse).iterator(),
                        size -> { }, start);
                System.out.printf(Locale.ROOT, "parse and touch from memory, round %d: %.3f s (%,d rows, checksum"
                        + " %x)%n", round, scan.nanos() / 1e9, scan.rows(), scan.checksum());
            }
        }
    }

    private static QueryResultChunk parse(byte[] encoded) {
        try {
            return QueryResultChunk.parseFrom(encoded);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("a kept chunk does not parse", e);
        }
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
