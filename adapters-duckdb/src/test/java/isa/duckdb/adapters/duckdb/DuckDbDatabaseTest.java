package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An open DuckDB database: snapshots, its change marker and sizes, with DuckDB's write-ahead log in play. */
class DuckDbDatabaseTest {
    @TempDir
    Path folder;

    private Path wal(DuckDbTestDatabase db) {
        return db.file.resolveSibling(db.file.getFileName() + ".wal");
    }

    @Test
    void committedRowsStillOnlyInTheWriteAheadLogAreInTheSnapshotFileAlone() throws Exception {
        Path snapshot = folder.resolve("snapshot.duckdb");
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder.resolve("live"))) {
            db.run("CREATE TABLE t AS SELECT range AS id FROM range(1000)");
            assertThat(Files.size(wal(db))).isPositive();

            db.database.snapshotTo(snapshot);

            assertThat(Files.exists(wal(db)) ? Files.size(wal(db)) : 0).isZero();
        }
        assertThat(Files.exists(folder.resolve("snapshot.duckdb.wal"))).isFalse();
        Files.createDirectories(folder.resolve("copy"));
        Files.copy(snapshot, folder.resolve("copy/main.duckdb"));
        try (DuckDbTestDatabase copy = new DuckDbTestDatabase(folder.resolve("copy"))) {
            assertThat(copy.value("SELECT count(*) FROM t")).isEqualTo(new Value.Int(1000));
        }
    }

    @Test
    void theSizeIsTheFilePlusItsWriteAheadLog() throws Exception {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            db.run("CREATE TABLE t AS SELECT range AS id FROM range(1000)");

            assertThat(db.database.sizeBytes()).isEqualTo(Files.size(db.file) + Files.size(wal(db)));
        }
    }

    @Test
    void theChangeMarkerMovesWithACheckpointAndNotWithReads() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            db.run("CREATE TABLE t AS SELECT 1 AS x");
            String written = db.database.changeMarker();
            db.rows("SELECT * FROM t");
            assertThat(db.database.changeMarker()).isEqualTo(written);

            db.database.snapshotTo(folder.resolve("snapshot.duckdb"));

            assertThat(db.database.changeMarker()).isNotEqualTo(written);
        }
    }

    @Test
    void theTableCountLeavesOutViewsAndTemporaryTables() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            db.run("CREATE SCHEMA side");
            db.run("CREATE TABLE a (x INTEGER)");
            db.run("CREATE TABLE side.b (x INTEGER)");
            db.run("CREATE VIEW v AS SELECT * FROM a");
            db.run("CREATE TEMP TABLE scratchpad (x INTEGER)");

            assertThat(db.database.tableCount()).isEqualTo(2);
        }
    }

    @Test
    void theMemoryHeldGrowsWhenATableIsFilled() {
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder)) {
            long empty = db.database.memoryBytes();
            db.run("CREATE TABLE t AS SELECT range AS id, 'label ' || range AS label FROM range(2000000)");

            assertThat(db.database.memoryBytes()).isGreaterThan(empty).isGreaterThan(1_000_000);
        }
    }
}
