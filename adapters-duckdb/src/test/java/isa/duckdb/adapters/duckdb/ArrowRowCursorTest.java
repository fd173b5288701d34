package isa.duckdb.adapters.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.RowCursor;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A streaming DuckDB result read through the cursor, batch by batch. */
class ArrowRowCursorTest {
    @TempDir
    Path folder;
    DuckDbTestDatabase db;

    @BeforeEach
    void open() {
        db = new DuckDbTestDatabase(folder);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void columnsCarryDuckDbsOwnTypeNames() {
        try (RowCursor cursor = db.run("SELECT 1.5::DECIMAL(18,3) AS amount, [1]::INTEGER[] AS tags,"
                + " {'a': 1} AS s, 'x' AS \"odd name\"").rows().orElseThrow()) {
            assertThat(cursor.columns()).containsExactly(new Column("amount", "DECIMAL(18,3)"),
                    new Column("tags", "INTEGER[]"), new Column("s", "STRUCT(a INTEGER)"), new Column("odd name", "VARCHAR"));
        }
    }

    @Test
    void batchesFollowTheAskedSizesAcrossDuckDbsOwnChunks() {
        try (RowCursor cursor = db.run("SELECT range AS n FROM range(5000)").rows().orElseThrow()) {
            List<Value[]> first = cursor.next(3000).toRows();
            List<Value[]> second = cursor.next(3000).toRows();

            assertThat(first).hasSize(3000);
            assertThat(first.get(2999)[0]).isEqualTo(new Value.Int(2999));
            assertThat(second).hasSize(2000);
            assertThat(second.get(0)[0]).isEqualTo(new Value.Int(3000));
            assertThat(cursor.next(3000).toRows()).isEmpty();
        }
    }

    @Test
    void anErrorWhileRowsStreamEndsTheCursorWithItsKind() {
        try (RowCursor cursor = db.run("SELECT CASE WHEN range < 1000000 THEN range ELSE error('boom') END AS n"
                + " FROM range(2000000)").rows().orElseThrow()) {
            assertThat(cursor.next(10).toRows()).hasSize(10);

            ServiceException failure = catchThrowableOfType(ServiceException.class, () -> {
                while (cursor.next(10_000).rowCount() > 0) {
                    // read on until the failing row
                }
            });

            assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(failure.getMessage()).contains("boom");
        }
    }

    @Test
    void cancellingWhileRowsStreamEndsTheCursorWithTheSignalsKind() {
        CancellationSignal signal = CancellationSignal.none();
        try (RowCursor cursor = db.session.run(new BoundSql("SELECT range FROM range(1000000000)", List.of()), signal)
                .rows().orElseThrow()) {
            assertThat(cursor.next(10).toRows()).hasSize(10);

            signal.cancel(ErrorKind.DEADLINE_EXCEEDED);

            ServiceException failure = catchThrowableOfType(ServiceException.class, () -> cursor.next(10).toRows());
            assertThat(failure.kind()).isEqualTo(ErrorKind.DEADLINE_EXCEEDED);
        }
    }

    @Test
    void aClosedCursorGivesNoMoreRowsAndFreesTheSessionForTheNextStatement() {
        RowCursor cursor = db.run("SELECT range FROM range(100000)").rows().orElseThrow();
        cursor.next(5).toRows();

        cursor.close();
        cursor.close();

        assertThat(cursor.next(5).toRows()).isEmpty();
        assertThat(db.value("SELECT count(*) FROM range(4)")).isEqualTo(new Value.Int(4));
    }
}
