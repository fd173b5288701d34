package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import isa.duckdb.adapters.minio.MinioObjectStorageAdapter;
import isa.duckdb.adapters.minio.MinioSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.ListDatabasesRequest;
import isa.duckdb.api.HealthCheckResponse;
import isa.duckdb.adapters.minio.LocalS3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage goes away while tenants write; nothing acknowledged may be lost. */
class StorageOutageEndToEndTest {
    private static final String USER = "olga";
    private static final String DB = "journal";
    private static final String BUCKET = "user-olga-duckdb";

    @TempDir
    Path s3Files;
    @TempDir
    Path data;
    @TempDir
    Path inspect;

    @Test
    void writesContinueDuringAnOutageTheBucketCatchesUpAndAWipedRestartHasEverything() throws Exception {
        try (LocalS3Server s3 = LocalS3Server.start(s3Files)) {
            Optional<ServiceConfig.MinioConfig> minio = Optional.of(new ServiceConfig.MinioConfig(s3.endpoint(),
                    LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY, false));
            MinioObjectStorageAdapter bucket = MinioObjectStorageAdapter.connect(MinioSettings.of(s3.endpoint(),
                    LocalS3Server.ACCESS_KEY, LocalS3Server.SECRET_KEY, false));
            try (RunningService service = RunningService.start(data, Duration.ofSeconds(1), minio)) {
                createDatabase(service.blocking(), USER, DB);
                ok(service.blocking(), USER, DB, "CREATE TABLE entries(id INTEGER, phase VARCHAR)");
                ok(service.blocking(), USER, DB, "INSERT INTO entries SELECT range, 'before' FROM range(100)");

                s3.stop();
                ok(service.blocking(), USER, DB, "INSERT INTO entries SELECT range, 'during' FROM range(50)");
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    HealthCheckResponse health = service.blocking().healthCheck(HealthCheckRequest.newBuilder()
                            .setDetailed(true).build());
                    assertThat(health.getHealthy()).isFalse();
                    assertThat(health.getStatus()).isEqualTo("DEGRADED");
                });
                ok(service.blocking(), USER, DB, "INSERT INTO entries SELECT range, 'during' FROM range(50)");
                assertThat(count(service, "during")).isEqualTo(100);

                s3.startAgain();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> rowsInStoredCopy(bucket) == 200);
                HealthCheckResponse healed = service.blocking().healthCheck(HealthCheckRequest.newBuilder().build());
                assertThat(healed.getHealthy()).isTrue();
            }
            deleteTree(data);
            try (RunningService restarted = RunningService.start(data, Duration.ofSeconds(1), minio)) {
                assertThat(count(restarted, "before")).isEqualTo(100);
                assertThat(count(restarted, "during")).isEqualTo(100);
            }
        }
    }

    @Test
    void aStopRightAfterStorageReturnsStillUploadsWhatTheOpenBreakerRefusedSoAFreshDiskHasBothRows() throws Exception {
        try (LocalS3Server s3 = LocalS3Server.start(s3Files)) {
            Optional<ServiceConfig.MinioConfig> minio = minio(s3);
            MinioObjectStorageAdapter bucket = bucket(s3);
            try (RunningService service = RunningService.start(data, Duration.ofSeconds(5), minio)) {
                rowOneSyncedThenRowTwoDuringAnOutage(service, s3, bucket);
                s3.startAgain();

                assertThat(service.runtime.stop()).as("databases the stop could not sync").isEmpty();
            }
            deleteTree(data);
            try (RunningService fresh = RunningService.start(data, Duration.ofSeconds(5), minio)) {
                assertThat(count(fresh, "before")).isEqualTo(1);
                assertThat(count(fresh, "during")).isEqualTo(1);
            }
        }
    }

    @Test
    void aStopWhileStorageStaysDownPastTheGraceNamesTheDatabaseAndKeepsItsWorkingCopy() throws Exception {
        try (LocalS3Server s3 = LocalS3Server.start(s3Files)) {
            Optional<ServiceConfig.MinioConfig> minio = minio(s3);
            MinioObjectStorageAdapter bucket = bucket(s3);
            ServiceConfig shortGrace = RunningService.config(data, Duration.ofSeconds(5)).toBuilder()
                    .minio(minio).shutdownGrace(Duration.ofSeconds(3)).build();
            try (RunningService service = RunningService.start(shortGrace)) {
                rowOneSyncedThenRowTwoDuringAnOutage(service, s3, bucket);

                assertThat(service.runtime.stop()).containsExactly(USER + "/" + DB);
                assertThat(service.runtime.stop()).as("a second stop gives the same answer")
                        .containsExactly(USER + "/" + DB);
            }
            assertThat(data.resolve("work").resolve(BUCKET).resolve(DB)).isDirectory();

            s3.startAgain();
            try (RunningService sameDisk = RunningService.start(data, Duration.ofSeconds(5), minio)) {
                assertThat(count(sameDisk, "during")).as("the kept working copy, recovered at start").isEqualTo(1);
            }
            assertThat(rowsInStoredCopy(bucket)).isEqualTo(2);
        }
    }

    /**
     * Row 1 is written and synced; then storage stops, row 2 is written (acknowledged) and a few
     * calls that need storage open the adapter's circuit breaker. Storage is left stopped.
     */
    private void rowOneSyncedThenRowTwoDuringAnOutage(RunningService service, LocalS3Server s3,
            MinioObjectStorageAdapter bucket) {
        createDatabase(service.blocking(), USER, DB);
        ok(service.blocking(), USER, DB, "CREATE TABLE entries(id INTEGER, phase VARCHAR)");
        ok(service.blocking(), USER, DB, "INSERT INTO entries VALUES (1, 'before')");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> rowsInStoredCopy(bucket) == 1);

        s3.stop();
        ok(service.blocking(), USER, DB, "INSERT INTO entries VALUES (2, 'during')");
        openTheBreaker(service);
    }

    /** A few calls that need storage while it is down: the adapter's circuit breaker opens. */
    private static void openTheBreaker(RunningService service) {
        for (int i = 0; i < 4; i++) {
            try {
                service.blocking().listDatabases(ListDatabasesRequest.newBuilder().setUserId(USER).build());
            } catch (StatusRuntimeException refused) {
                assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }
        }
    }

    private static Optional<ServiceConfig.MinioConfig> minio(LocalS3Server s3) {
        return Optional.of(new ServiceConfig.MinioConfig(s3.endpoint(), LocalS3Server.ACCESS_KEY,
                LocalS3Server.SECRET_KEY, false));
    }

    private static MinioObjectStorageAdapter bucket(LocalS3Server s3) {
        return MinioObjectStorageAdapter.connect(MinioSettings.of(s3.endpoint(), LocalS3Server.ACCESS_KEY,
                LocalS3Server.SECRET_KEY, false));
    }

    private static long count(RunningService service, String phase) {
        return select(service.blocking(), USER, DB, "SELECT count(*) FROM entries WHERE phase = '" + phase + "'")
                .getRows(0).getValues(0).getIntValue();
    }

    /** Reads the database file as it is in the bucket, with a separate DuckDB, read-only. */
    private long rowsInStoredCopy(MinioObjectStorageAdapter bucket) throws Exception {
        Path copy = inspect.resolve("copy-" + System.nanoTime() + ".duckdb");
        try {
            bucket.download(BUCKET, DB + ".duckdb", copy);
        } catch (RuntimeException storageStillDown) {
            return -1;
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + copy, readOnly);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM entries")) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException olderCopyWithoutTheTable) {
            return -1;
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(root)) {
                    Files.delete(path);
                }
            }
        }
    }
}
