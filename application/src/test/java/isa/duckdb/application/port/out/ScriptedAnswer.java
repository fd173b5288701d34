package isa.duckdb.application.port.out;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Column;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@link InMemoryQueryEngine} answers for a statement registered with
 * {@link InMemoryQueryEngine#script}: rows, an affected-row count, an error, or a statement that
 * runs until its caller cancels it. A scripted statement never changes the data or the change marker.
 */
public final class ScriptedAnswer {
    /** How long a blocking answer waits for a cancel before it gives up, so that a broken test ends. */
    static final long BLOCK_LIMIT_SECONDS = 60;

    private interface Behaviour {
        /**
     * A statement that waits until {@code release} opens (listed in {@link InMemoryQueryEngine#blocked()} meanwhile),
     * then reports {@code count} affected rows.
     */
    public static ScriptedAnswer blockUntil(CountDownLatch release, long count) {
        return new ScriptedAnswer((engine, sql, signal) -> {
            engine.blocking(sql, true);
            try {
                if (!release.await(BLOCK_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("fake engine: '" + sql + "' was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                engine.blocking(sql, false);
            }
            return StatementOutcome.affected(count);
        });
    }

    StatementOutcome answer(InMemoryQueryEngine engine, String sql, CancellationSignal signal);
    }

    private final Behaviour behaviour;

    private ScriptedAnswer(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Rows under the columns (name and DuckDB type), read through a cursor like any query's. */
    public static ScriptedAnswer rows(List<Column> columns, List<Value[]> rows) {
        List<Value[]> copy = new ArrayList<>(rows);
        return new ScriptedAnswer((engine, sql, signal) -> StatementOutcome.rows(new InMemoryRowCursor(columns,
                copy, signal)));
    }

    /** A statement without rows that reports {@code count} affected rows. */
    public static ScriptedAnswer affected(long count) {
        return new ScriptedAnswer((engine, sql, signal) -> StatementOutcome.affected(count));
    }

    /** A failure: the statement throws this exception (give it the kind the real engine would). */
    public static ScriptedAnswer error(ServiceException failure) {
        return new ScriptedAnswer((engine, sql, signal) -> {
            throw failure;
        });
    }

    /**
     * A statement that runs until its signal is cancelled, then throws what the DuckDB adapter
     * throws on cancel: {@code signal.asException("the query")} (CANCELLED or DEADLINE_EXCEEDED).
     * While it runs, {@link InMemoryQueryEngine#blocked()} lists its SQL.
     */
    public static ScriptedAnswer blockUntilCancelled() {
        return new ScriptedAnswer((engine, sql, signal) -> {
            CountDownLatch cancelled = new CountDownLatch(1);
            Runnable unhook = signal.onCancel(cancelled::countDown);
            engine.blocking(sql, true);
            try {
                if (!cancelled.await(BLOCK_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("fake engine: '" + sql + "' was never cancelled");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                engine.blocking(sql, false);
                unhook.run();
            }
            throw signal.asException("the query");
        });
    }

    /**
     * A statement that waits until {@code release} opens (listed in {@link InMemoryQueryEngine#blocked()} meanwhile),
     * then reports {@code count} affected rows.
     */
    public static ScriptedAnswer blockUntil(CountDownLatch release, long count) {
        return new ScriptedAnswer((engine, sql, signal) -> {
            engine.blocking(sql, true);
            try {
                if (!release.await(BLOCK_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("fake engine: '" + sql + "' was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                engine.blocking(sql, false);
            }
            return StatementOutcome.affected(count);
        });
    }

    StatementOutcome answer(InMemoryQueryEngine engine, String sql, CancellationSignal signal) {
        return behaviour.answer(engine, sql, signal);
    }
}
