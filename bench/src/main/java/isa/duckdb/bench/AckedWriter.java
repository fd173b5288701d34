package isa.duckdb.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the fault suite: one thread sending single-row {@code INSERT INTO t VALUES (id)} through
 * ExecuteStatement to one instance ({@code host:port}), one at a time, each with a 10 s deadline, and recording every
 * id the service acknowledged ({@code success: true}) with the moment of the acknowledgement and the moment its request
 * was sent ({@link System#nanoTime}): a request sent before a fault may be answered after it, by the instance the fault
 * hit, so only one sent after the fault proves another instance served it.
 * Ids are {@code first, first + 1, …}, so writers given different {@code first} never collide. An answer with
 * {@code success: false} whose error starts with {@code FAILED_PRECONDITION} (another instance owns the database) is
 * counted as refused; any other error or gRPC failure (instance down, storage, deadline) as failed; either is followed
 * by a 50 ms pause and the next id. Neither is acknowledged, so neither can be lost.
 */
final class AckedWriter implements AutoCloseable {
    private static final String USER = "fault_suite";

    private final String name;
    private final String database;
    private final long first;
    private final ManagedChannel channel;
    private final Map<Long, Long> acknowledged = new ConcurrentHashMap<>();
    private final Map<Long, Long> sent = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile String lastRefusal = "";
    private volatile boolean running = true;
    private final Thread thread;

    private AckedWriter(String name, String host, int port, String database, long first) {
        this.name = name;
        this.database = database;
        this.first = first;
        this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        this.thread = new Thread(this::run, "writer-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts writing ids from {@code first} on to {@code database} of tenant {@code fault_suite} at {@code host:port}. */
    static AckedWriter start(String name, String host, int port, String database, long first) {
        AckedWriter writer = new AckedWriter(name, host, port, database, first);
        writer.thread.start();
        return writer;
    }

    /** The tenant every writer and check uses. */
    static String user() {
        return USER;
    }

    private void run() {
        var stub = DuckDBServiceGrpc.newBlockingStub(channel);
        long id = first;
        while (running) {
            boolean ok = false;
            long sentAt = System.nanoTime();
            try {
                ExecuteStatementResponse response = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .executeStatement(ExecuteStatementRequest.newBuilder().setUserId(USER).setDatabaseId(database)
                                .setStatement("INSERT INTO t VALUES (" + id + ")").build());
                if (response.getSuccess()) {
                    long now = System.nanoTime();
                    sent.put(id, sentAt);
                    acknowledged.put(id, now);
                    ok = true;
                } else if (response.getError().startsWith("FAILED_PRECONDITION")) {
                    refused.incrementAndGet();
                    lastRefusal = response.getError();
                } else {
                    failed.incrementAndGet();
                }
            } catch (StatusRuntimeException e) {
                failed.incrementAndGet();
                // Reconnect at the next call instead of after gRPC's back-off (up to minutes): a restarted or
                // taken-over instance is then reached as soon as it listens.
                channel.resetConnectBackoff();
            }
            id++;
            if (!ok) {
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    /** Acknowledged ids and when ({@link System#nanoTime}) each was acknowledged; a live view. */
    Map<Long, Long> acknowledged() {
        return acknowledged;
    }

    /**
     * The first acknowledgement ({@link System#nanoTime}) of a request sent at or after {@code nanos}, or -1 when none
     * yet.
     */
    long firstAckSentAtOrAfter(long nanos) {
        return acknowledged.entrySet().stream().filter(e -> sent.get(e.getKey()) >= nanos)
                .mapToLong(Map.Entry::getValue).min().orElse(-1);
    }

    /** When ({@link System#nanoTime}) the request of acknowledged {@code id} was sent. */
    long sentAt(long id) {
        return sent.get(id);
    }

    int refused() {
        return refused.get();
    }

    int failed() {
        return failed.get();
    }

    /** The error text of the latest refusal, empty when none. */
    String lastRefusal() {
        return lastRefusal;
    }

    String name() {
        return name;
    }

    /** Stops after the call in flight (at most its 10 s deadline) and closes the channel. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.shutdownNow();
    }
}
