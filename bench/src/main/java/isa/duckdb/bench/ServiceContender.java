package isa.duckdb.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.Row;
import isa.duckdb.api.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * The service over gRPC on loopback, through the generated blocking stubs only (a wire client).
 * Client thread {@code t} has its own channel (its own HTTP/2 connection), as separate clients
 * would. The table lives in one database of user {@code bench_user}.
 */
public final class ServiceContender implements Contender {
    static final String USER = "bench_user";
    private static final int MAX_MESSAGE_BYTES = 64 << 20;

    private final String host;
    private final int port;
    private final String database;
    private final BufferAllocator allocator;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final AtomicLong insertSequence = new AtomicLong();

    /** A client of the service at {@code host:port} for database {@code database}. */
    public ServiceContender(String host, int port, String database, BufferAllocator allocator) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.allocator = allocator;
    }

    @Override
    public String name() {
        return "service";
    }

    /** Creates the database, the lineitem table from {@link Lineitem#generateSql} and {@code hits}. */
    public void load(long rows) {
        createDatabase();
        statement("CREATE TABLE " + Lineitem.TABLE + " AS " + Lineitem.generateSql(rows));
        statement("CREATE TABLE hits(t INTEGER, n BIGINT)");
    }

    /** Creates the database of this client. */
    public void createDatabase() {
        var created = stub(0).createDatabase(CreateDatabaseRequest.newBuilder().setUserId(USER)
                .setDatabaseName(database).build());
        if (!created.getSuccess()) {
            throw new IllegalStateException("CreateDatabase failed: " + created.getError());
        }
    }

    /** Runs one statement; fails with the service's error text. */
    public ExecuteStatementResponse statement(String sql) {
        ExecuteStatementResponse response = stub(0).executeStatement(ExecuteStatementRequest.newBuilder()
                .setUserId(USER).setDatabaseId(database).setStatement(sql).build());
        if (!response.getSuccess()) {
            throw new IllegalStateException("ExecuteStatement failed: " + response.getError());
        }
        return response;
    }

    /** Runs one query through ExecuteQuery; fails with the service's error text. */
    public ExecuteQueryResponse query(String sql) {
        ExecuteQueryResponse response = stub(0).executeQuery(query(sql, 0));
        if (!response.getSuccess()) {
            throw new IllegalStateException("ExecuteQuery failed: " + response.getError());
        }
        return response;
    }

    @Override
    public ScanResult scanRows() {
        return streamRows(Lineitem.SCAN, bytes -> { });
    }

    /** Streams {@code sql} through ExecuteQueryStream, touching every value; reports wire bytes per chunk. */
    public ScanResult streamRows(String sql, LongConsumer chunkBytes) {
        long start = System.nanoTime();
        return touchRows(stream(sql), chunkBytes, start);
    }

    /** The chunks of {@code sql} through ExecuteQueryStream, as they arrive. */
    Iterator<QueryResultChunk> stream(String sql) {
        return stub(0).executeQueryStream(query(sql, 0));
    }

    /**
     * Reads every chunk and touches every value into a checksum, as the bench's row-scan client does; integer and text
     * cells only (lineitem's). Reports wire bytes per chunk; the result's time runs from {@code startNanos}.
     */
    static ScanResult touchRows(Iterator<QueryResultChunk> chunks, LongConsumer chunkBytes, long startNanos) {
        Checksum checksum = null;
        boolean[] decimal = null;
        boolean[] date = null;
        long bytes = 0;
        while (chunks.hasNext()) {
            QueryResultChunk chunk = chunks.next();
            if (!chunk.getSuccess()) {
                throw new IllegalStateException("ExecuteQueryStream failed: " + chunk.getError());
            }
            int size = chunk.getSerializedSize();
            bytes += size;
            chunkBytes.accept(size);
            if (checksum == null) {
                int columns = chunk.getColumnTypesCount();
                checksum = new Checksum(columns);
                decimal = new boolean[columns];
                date = new boolean[columns];
                for (int c = 0; c < columns; c++) {
                    decimal[c] = chunk.getColumnTypes(c).startsWith("DECIMAL");
                    date[c] = chunk.getColumnTypes(c).equals("DATE");
                }
            }
            for (Row row : chunk.getRowsList()) {
                for (int c = 0; c < row.getValuesCount(); c++) {
                    Value value = row.getValues(c);
                    switch (value.getValueCase()) {
                        case INT_VALUE -> checksum.addLong(c, value.getIntValue());
                        case STRING_VALUE -> {
                            String text = value.getStringValue();
                            if (decimal[c]) {
                                checksum.addDecimalText(c, text);
                            } else if (date[c]) {
                                checksum.addDateText(c, text);
                            } else {
                                checksum.addText(c, text);
                            }
                        }
                        default -> throw new IllegalStateException("unexpected value " + value.getValueCase());
                    }
                }
                checksum.addRows(1);
            }
        }
        if (checksum == null) {
            throw new IllegalStateException("ExecuteQueryStream sent no chunk");
        }
        return ScanResult.of(checksum, bytes, System.nanoTime() - startNanos);
    }

    @Override
    public ScanResult scanArrow() throws NotAvailable {
        long start = System.nanoTime();
        ArrowChunkStream input = new ArrowChunkStream(stub(0).executeQueryArrow(query(Lineitem.SCAN, 0)));
        try (ArrowStreamReader reader = new ArrowStreamReader(input, allocator)) {
            Checksum checksum = new Checksum(reader.getVectorSchemaRoot().getFieldVectors().size());
            while (reader.loadNextBatch()) {
                ArrowChecksum.add(reader.getVectorSchemaRoot(), checksum);
            }
            return ScanResult.of(checksum, input.bytesRead(), System.nanoTime() - start);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StatusRuntimeException status
                        && status.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                    throw new NotAvailable("n/a (UNIMPLEMENTED)");
                }
            }
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ExecuteQueryArrow: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> q1() {
        ExecuteQueryResponse response = query(Lineitem.Q1);
        List<String> rows = new ArrayList<>();
        for (Row row : response.getRowsList()) {
            rows.add(Q1Rows.row(text(row.getValues(0)), text(row.getValues(1)), text(row.getValues(2)),
                    text(row.getValues(3)), text(row.getValues(9))));
        }
        return rows;
    }

    @Override
    public Call selectOne(int thread) {
        DuckDBServiceBlockingStub stub = stub(thread);
        ExecuteQueryRequest request = query("SELECT 1", 0);
        return () -> {
            ExecuteQueryResponse response = stub.executeQuery(request);
            if (!response.getSuccess() || response.getRows(0).getValues(0).getIntValue() != 1) {
                throw new IllegalStateException("SELECT 1 failed: " + response.getError());
            }
        };
    }

    @Override
    public Call insertOne(int thread) {
        DuckDBServiceBlockingStub stub = stub(thread);
        return () -> {
            ExecuteStatementResponse response = stub.executeStatement(ExecuteStatementRequest.newBuilder()
                    .setUserId(USER).setDatabaseId(database)
                    .setStatement("INSERT INTO hits VALUES (" + thread + ", " + insertSequence.incrementAndGet() + ")")
                    .build());
            if (!response.getSuccess() || response.getAffectedRows() != 1) {
                throw new IllegalStateException("INSERT failed: " + response.getError());
            }
        };
    }

    @Override
    public long insertedRows() {
        return query("SELECT count(*) FROM hits").getRows(0).getValues(0).getIntValue();
    }

    private ExecuteQueryRequest query(String sql, int maxRows) {
        return ExecuteQueryRequest.newBuilder().setUserId(USER).setDatabaseId(database).setQuery(sql)
                .setMaxRows(maxRows).build();
    }

    private synchronized DuckDBServiceBlockingStub stub(int thread) {
        while (channels.size() <= thread) {
            channels.add(ManagedChannelBuilder.forAddress(host, port).usePlaintext()
                    .maxInboundMessageSize(MAX_MESSAGE_BYTES).build());
        }
        return DuckDBServiceGrpc.newBlockingStub(channels.get(thread));
    }

    private static String text(Value value) {
        return switch (value.getValueCase()) {
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.getStringValue();
        };
    }

    @Override
    public synchronized void close() {
        try {
            for (ManagedChannel channel : channels) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channels.clear();
    }
}
