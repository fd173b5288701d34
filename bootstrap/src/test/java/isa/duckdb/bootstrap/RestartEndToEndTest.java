package isa.duckdb.bootstrap;

import static isa.duckdb.bootstrap.Requests.createDatabase;
import static isa.duckdb.bootstrap.Requests.ok;
import static isa.duckdb.bootstrap.Requests.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import isa.duckdb.api.GetDatabaseInfoRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartEndToEndTest {
    @TempDir
    Path data;

    @Test
    void everyAcknowledgedWriteSurvivesAGracefulRestart() throws Exception {
        String id;
        try (RunningService first = RunningService.start(data)) {
            createDatabase(first.blocking(), "rita", "orders");
            ok(first.blocking(), "rita", "orders", "CREATE TABLE o(id INTEGER, item VARCHAR)");
            for (int i = 0; i < 50; i++) {
                ok(first.blocking(), "rita", "orders", "INSERT INTO o VALUES (" + i + ", 'item" + i + "')");
            }
            id = first.blocking().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder().setUserId("rita")
                    .setDatabaseId("orders").build()).getDatabaseInfo().getDatabaseId();
        }
        assertThat(Files.exists(data.resolve("work/user-rita-duckdb/orders"))).isFalse();
        deleteTree(data.resolve("work"));
        try (RunningService second = RunningService.start(data)) {
            var count = select(second.blocking(), "rita", "orders", "SELECT count(*), max(item) FROM o");
            assertThat(count.getRows(0).getValues(0).getIntValue()).isEqualTo(50);
            var info = second.blocking().getDatabaseInfo(GetDatabaseInfoRequest.newBuilder().setUserId("rita")
                    .setDatabaseId(id).build());
            assertThat(info.getDatabaseInfo().getDatabaseName()).isEqualTo("orders");
        }
    }

    @Test
    void changesReachStorageWithinTheSyncIntervalWhileRunning() throws Exception {
        try (RunningService service = RunningService.start(data, Duration.ofSeconds(1))) {
            createDatabase(service.blocking(), "sam", "live");
            Path stored = data.resolve("storage/user-sam-duckdb/live.duckdb");
            long before = Files.size(stored);
            ok(service.blocking(), "sam", "live", "CREATE TABLE big AS SELECT i, 'x' || i AS s FROM range(200000) t(i)");
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.size(stored) > before);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
