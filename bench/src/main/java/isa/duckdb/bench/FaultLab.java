package isa.duckdb.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import isa.duckdb.api.CreateDatabaseRequest;
import isa.duckdb.api.CreateDatabaseResponse;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.QueryResultChunk;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jclouds.blobstore.domain.Blob;

/**
 * What one fault scenario runs on, all on loopback: an S3 server (S3Proxy, {@link LocalS3}) over a folder of its own
 * that can be stopped and started again on the same port, the Consul agent of the suite when asked for, the service
 * instances ({@link FaultNode}) and writers ({@link AckedWriter}) the scenario starts, and the check of what storage
 * holds. {@link #close} kills whatever still runs, also when the scenario timed out.
 */
final class FaultLab implements AutoCloseable {
    /** The database bucket of tenant {@code fault_suite} ({@code user-{tenant with - for _}-duckdb}, the contract's). */
    private static final String BUCKET = "user-fault-suite-duckdb";
    private final Path jar;
    private final Path directory;
    private final Optional<String> consul;
    private final Path s3Directory;
    private final int s3Port;
    private final List<FaultNode> nodes = new ArrayList<>();
    private final List<AckedWriter> writers = new ArrayList<>();
    private volatile LocalS3 s3;
    private int verifiers;

    /** A lab in {@code directory}; {@code consul} is the agent's {@code host:port} when the suite has one. */
    FaultLab(Path jar, Path directory, Optional<String> consul) throws Exception {
        this.jar = jar;
        this.directory = Files.createDirectories(directory);
        this.consul = consul;
        this.s3Directory = directory.resolve("s3");
        this.s3 = LocalS3.start(s3Directory);
        this.s3Port = s3.port();
    }

    /**
     * A service instance (not started) on {@code host} (a 127.0.0.x address) with data path {@code {lab}/{name}},
     * the lab's S3, Consul when {@code withConsul} (its advertised host, and so its instance id
     * {@code duckdb-service-{host}}, is {@code host}), metrics off, and {@code flags}.
     */
    synchronized FaultNode node(String name, String host, boolean withConsul, List<String> flags) throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "ISA_CLOUD_STORAGE_MINIO_ENDPOINT", "127.0.0.1:" + s3Port,
                "ISA_CLOUD_STORAGE_MINIO_ACCESS_KEY", LocalS3.ACCESS_KEY,
                "ISA_CLOUD_STORAGE_MINIO_SECRET_KEY", LocalS3.SECRET_KEY,
                "ISA_CLOUD_STORAGE_MINIO_USE_SSL", "false",
                "SERVICE_HOSTNAME", host));
        List<String> arguments = new ArrayList<>(List.of("--metrics-port", "0"));
        if (withConsul) {
            String agent = consul.orElseThrow(() -> new IllegalStateException("the suite has no Consul agent"));
            int colon = agent.lastIndexOf(':');
            arguments.addAll(List.of("--consul-enabled", "--consul-host", agent.substring(0, colon),
                    "--consul-port", agent.substring(colon + 1)));
        }
        arguments.addAll(flags);
        FaultNode node = new FaultNode(jar, name, host, directory.resolve(name), environment, arguments,
                directory.resolve(name + ".log"));
        nodes.add(node);
        return node;
    }

    /** Starts a writer on {@code node}'s address, its ids from {@code first} on. */
    synchronized AckedWriter writer(String name, FaultNode node, String database, long first) {
        AckedWriter writer = AckedWriter.start(name, node.host(), node.port(), database, first);
        writers.add(writer);
        return writer;
    }

    /** Creates {@code database} through {@code node} with an empty table {@code t (id BIGINT)}. */
    void createTable(FaultNode node, String database) {
        ManagedChannel channel = channel(node);
        try {
            var stub = DuckDBServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
            CreateDatabaseResponse created = stub.createDatabase(CreateDatabaseRequest.newBuilder()
                    .setUserId(AckedWriter.user()).setDatabaseName(database).build());
            if (!created.getSuccess()) {
                throw new IllegalStateException("CreateDatabase " + database + ": " + created.getError());
            }
            ExecuteStatementResponse table = stub.executeStatement(ExecuteStatementRequest.newBuilder()
                    .setUserId(AckedWriter.user()).setDatabaseId(database).setStatement("CREATE TABLE t (id BIGINT)")
                    .build());
            if (!table.getSuccess()) {
                throw new IllegalStateException("CREATE TABLE in " + database + ": " + table.getError());
            }
        } finally {
            channel.shutdownNow();
        }
    }

    /** The ids in {@code t} of {@code database} as {@code node} (running, serving it) answers them. */
    Set<Long> ids(FaultNode node, String database) {
        ManagedChannel channel = channel(node);
        try {
            Set<Long> ids = new HashSet<>();
            Iterator<QueryResultChunk> chunks = DuckDBServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(120, TimeUnit.SECONDS)
                    .executeQueryStream(ExecuteQueryRequest.newBuilder().setUserId(AckedWriter.user())
                            .setDatabaseId(database).setQuery("SELECT id FROM t").build());
            while (chunks.hasNext()) {
                QueryResultChunk chunk = chunks.next();
                if (!chunk.getSuccess()) {
                    throw new IllegalStateException("SELECT id FROM t in " + database + ": " + chunk.getError());
                }
                chunk.getRowsList().forEach(row -> ids.add(row.getValues(0).getIntValue()));
            }
            return ids;
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * What storage holds, read directly: the object {@code {database}.duckdb} of the writers' bucket, copied out of
     * S3Proxy's folder and opened with DuckDB in this JVM. Right for periodic durability, where that object is the
     * whole stored state; with {@code commit} (WAL segments beside it) use {@link #servedIds}.
     */
    Set<Long> storedIds(String database) throws Exception {
        Blob blob = s3.blobStore().getBlob(BUCKET, database + ".duckdb");
        if (blob == null) {
            throw new IllegalStateException("storage holds no " + BUCKET + "/" + database + ".duckdb");
        }
        Path copy = directory.resolve("stored-" + database + "-" + (++verifiers) + ".duckdb");
        try (InputStream in = blob.getPayload().openStream()) {
            Files.copy(in, copy);
        }
        Set<Long> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + copy);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM t")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /**
     * What storage holds as the service reads it: the ids of {@code database} as a fresh instance (new data path,
     * no Consul, the same S3) answers them; that instance is then stopped. Every other instance should be stopped or
     * dead by then.
     */
    Set<Long> servedIds(String database) throws Exception {
        FaultNode verifier = node("verify-" + (++verifiers), "127.0.0.1", false, List.of());
        verifier.start();
        try {
            return ids(verifier, database);
        } finally {
            verifier.stop(60);
        }
    }

    /** Stops the S3 server: every storage call fails (connection refused) until {@link #startStorage}. */
    void stopStorage() {
        s3.close();
    }

    /** Starts the S3 server again on the same port over the same folder. */
    void startStorage() throws Exception {
        s3 = LocalS3.start(s3Directory, s3Port);
    }

    /** Ids acknowledged by {@code writers} that {@code stored} lacks, with the moment each was acknowledged. */
    static Map<Long, Long> lost(Set<Long> stored, AckedWriter... writers) {
        Map<Long, Long> lost = new HashMap<>();
        for (AckedWriter writer : writers) {
            writer.acknowledged().forEach((id, at) -> {
                if (!stored.contains(id)) {
                    lost.put(id, at);
                }
            });
        }
        return lost;
    }

    /** Acknowledgements of {@code writers} in all. */
    static int acknowledged(AckedWriter... writers) {
        int sum = 0;
        for (AckedWriter writer : writers) {
            sum += writer.acknowledged().size();
        }
        return sum;
    }

    private static ManagedChannel channel(FaultNode node) {
        return ManagedChannelBuilder.forAddress(node.host(), node.port()).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
    }

    /** Kills every instance still running (so writers' calls end at once), stops the writers and S3. */
    @Override
    public synchronized void close() {
        for (FaultNode node : nodes) {
            try {
                node.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.forEach(AckedWriter::close);
        try {
            s3.close();
        } catch (RuntimeException alreadyStopped) {
            // stopped by the scenario (an outage) and not started again
        }
    }
}
