package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log as {@code --durability commit} ships it, with real DuckDB: it only grows between the service's
 * checkpoints (no automatic checkpoint, large inserts logged rather than written into the file), the pieces read
 * from it concatenate back into a log that DuckDB replays on a copy of the base file, and DuckDB's log carries
 * nothing tying it to one base (so the service must: an old log on a newer base applies twice).
 */
class DuckDbWalShippingTest {
    @TempDir
    Path folder;

    @Test
    void piecesOfTheLogShippedAfterEachCommitReplayOnACopyOfTheBase() throws Exception {
        Path base = folder.resolve("base.duckdb");
        List<Path> pieces = new ArrayList<>();
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder.resolve("live"), true)) {
            db.run("CREATE TABLE t (id INTEGER, label VARCHAR)");
            db.database.snapshotTo(base);
            assertThat(db.database.walLength()).as("a snapshot empties the log").isZero();
            String file = db.database.fileMarker();
            long shipped = 0;
            for (int i = 0; i < 5; i++) {
                db.run("INSERT INTO t VALUES (" + i + ", 'row " + i + "')");
                shipped = ship(db, shipped, pieces);
            }
            db.run("INSERT INTO t SELECT i, md5(i::VARCHAR) FROM range(100, 400100) r(i)");
            shipped = ship(db, shipped, pieces);
            db.run("DELETE FROM t WHERE id = 3");
            ship(db, shipped, pieces);

            assertThat(db.database.fileMarker()).as("the database file itself was not written").isEqualTo(file);
        }

        Path replica = folder.resolve("replica");
        Files.createDirectories(replica);
        Files.copy(base, replica.resolve("main.duckdb"));
        concatenate(pieces, replica.resolve("main.duckdb.wal"));
        try (DuckDbTestDatabase copy = new DuckDbTestDatabase(replica)) {
            assertThat(copy.value("SELECT count(*) FROM t")).isEqualTo(new Value.Int(400004));
            assertThat(copy.value("SELECT count(*) FROM t WHERE id = 3")).isEqualTo(new Value.Int(0));
        }
    }

    @Test
    void anOlderLogReplayedOnANewerBaseAppliesTwice() throws Exception {
        Path log = folder.resolve("old.wal");
        Path newerBase = folder.resolve("newer.duckdb");
        try (DuckDbTestDatabase db = new DuckDbTestDatabase(folder.resolve("live"), true)) {
            db.run("CREATE TABLE t (id INTEGER)");
            db.database.snapshotTo(folder.resolve("older.duckdb"));
            db.run("INSERT INTO t VALUES (1), (2)");
            db.database.copyWal(0, db.database.walLength(), log);
            db.database.snapshotTo(newerBase);
        }
        Path replica = folder.resolve("replica");
        Files.createDirectories(replica);
        Files.copy(newerBase, replica.resolve("main.duckdb"));
        Files.copy(log, replica.resolve("main.duckdb.wal"));
        try (DuckDbTestDatabase copy = new DuckDbTestDatabase(replica)) {
            assertThat(copy.value("SELECT count(*) FROM t")).isEqualTo(new Value.Int(4));
        }
    }

    private static long ship(DuckDbTestDatabase db, long from, List<Path> pieces) {
        long to = db.database.walLength();
        assertThat(to).as("the commit grew the log").isGreaterThan(from);
        Path piece = db.scratch.resolve("piece-" + pieces.size());
        db.database.copyWal(from, to, piece);
        pieces.add(piece);
        return to;
    }

    private static void concatenate(List<Path> pieces, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            for (Path piece : pieces) {
                Files.copy(piece, out);
            }
        }
    }
}
