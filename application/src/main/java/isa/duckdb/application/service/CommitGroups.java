package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlScript;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit: concurrent single-statement autocommit writes ({@code INSERT}, {@code UPDATE}, {@code DELETE},
 * {@code MERGE}) to one database share one DuckDB transaction and one commit, which costs about what one write's
 * commit costs (README, "Benchmark").
 *
 * <p>The first writer to arrive leads: it takes every write waiting for the database (at most
 * {@link #MAX_GROUP}, its own first), runs them in order in one transaction on its session and commits; the others
 * wait. Each writer gets its own statement's result: its affected rows, or the rows its {@code RETURNING} gave back.
 * When any statement of the group fails, or the commit does, the transaction is rolled back and each statement
 * runs again on its own, so only the failing one fails. A writer returns only after the transaction holding its
 * write committed. When the leader is done, the first writer still waiting leads the next group.
 *
 * <p>A writer cancelled while it waits for a group leaves the queue and answers its cancellation; once its group
 * started, its statement runs with its own signal, so a cancel or deadline fails that statement alone.
 */
@Singleton
public final class CommitGroups {
    /** Writes in one transaction at most. */
    static final int MAX_GROUP = 64;
    private static final Set<String> DATA_CHANGES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

    private final Map<DatabaseKey, Group> groups = new ConcurrentHashMap<>();

    @Inject
    public CommitGroups() {
    }

    /** Whether the script is one data change that may share a transaction with others: one INSERT/UPDATE/DELETE/MERGE. */
    static boolean isGroupable(SqlScript script) {
        return script.statementCount() == 1 && DATA_CHANGES.contains(script.firstKeyword());
    }

    /**
     * Runs the write in the database's next group and waits until that group committed.
     *
     * @param lease the caller's hold on the open database (the group runs on the leader's)
     * @param countReturning whether the statement's rows (its {@code RETURNING}) are the result rather than the
     *     affected rows (contract, "Statement results")
     * @return the rows the write changed
     * @throws ServiceException the statement's own failure when run alone, or the caller's cancellation
     */
    long write(DatabaseKey database, Lease lease, BoundSql sql, CancellationSignal signal, boolean countReturning) {
        Write write = new Write(sql, signal, countReturning);
        return groups.computeIfAbsent(database, key -> new Group()).submit(write, lease);
    }

    /** The writes of one database: the queue, and whether a leader is running a group now. */
    private static final class Group {
        private final Deque<Write> waiting = new ArrayDeque<>();
        private boolean leading;

        long submit(Write write, Lease lease) {
            synchronized (this) {
                waiting.addLast(write);
                if (!leading) {
                    leading = true;
                    write.lead = true;
                }
            }
            if (!write.lead) {
                awaitTurn(write);
            }
            if (!write.isDone()) {
                lead(write, lease);
            }
            return write.result();
        }

        /** Waits until the write is done or leads; a cancel before its group took it leaves the queue. */
        private void awaitTurn(Write write) {
            Runnable unhook = write.signal.onCancel(write::wake);
            try {
                while (true) {
                    synchronized (this) {
                        if (write.lead || write.isDone()) {
                            return;
                        }
                        if (write.signal.isCancelled() && waiting.remove(write)) {
                            throw write.signal.asException("the statement");
                        }
                    }
                    write.sleep();
                }
            } finally {
                unhook.run();
            }
        }

        private void lead(Write self, Lease lease) {
            List<Write> group = new ArrayList<>();
            synchronized (this) {
                waiting.remove(self);
                group.add(self);
                while (group.size() < MAX_GROUP && !waiting.isEmpty()) {
                    group.add(waiting.pollFirst());
                }
            }
            try {
                run(group, lease);
            } finally {
                synchronized (this) {
                    Write next = waiting.peekFirst();
                    if (next == null) {
                        leading = false;
                    } else {
                        next.lead = true;
                        next.wake();
                    }
                }
            }
        }

        private static void run(List<Write> group, Lease lease) {
            if (group.size() > 1 && runTogether(group, lease)) {
                return;
            }
            try (EngineSession session = lease.openSession()) {
                for (Write write : group) {
                    try {
                        write.finish(execute(session, write));
                    } catch (RuntimeException e) {
                        write.fail(e);
                    }
                }
            } catch (RuntimeException e) {
                group.forEach(write -> write.fail(e));
            }
        }

        /** Runs the group in one transaction; false (all rolled back, nobody answered) when any of it failed. */
        private static boolean runTogether(List<Write> group, Lease lease) {
            try (EngineSession session = lease.openSession()) {
                long[] changed = new long[group.size()];
                session.begin();
                try {
                    for (int i = 0; i < group.size(); i++) {
                        changed[i] = execute(session, group.get(i));
                    }
                    session.commit();
                } catch (RuntimeException e) {
                    rollbackQuietly(session);
                    return false;
                }
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).finish(changed[i]);
                }
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        private static long execute(EngineSession session, Write write) {
            StatementOutcome outcome = session.run(write.sql, write.signal);
            if (outcome.rows().isEmpty()) {
                return outcome.affectedRows();
            }
            try (var cursor = outcome.rows().get()) {
                return write.countReturning ? BatchSteps.countRows(cursor::next) : outcome.affectedRows();
            }
        }

        private static void rollbackQuietly(EngineSession session) {
            try {
                session.rollback();
            } catch (RuntimeException ignored) {
                // closing the session drops what is left of the transaction
            }
        }
    }

    /** One caller's write: its statement, then its result or failure. */
    private static final class Write {
        final BoundSql sql;
        final CancellationSignal signal;
        final boolean countReturning;
        /** Set under the group's monitor; read by {@link #sleep()} under this write's. */
        volatile boolean lead;
        private boolean done;
        private long changed;
        private RuntimeException failure;

        Write(BoundSql sql, CancellationSignal signal, boolean countReturning) {
            this.sql = sql;
            this.signal = signal;
            this.countReturning = countReturning;
        }

        synchronized void finish(long rows) {
            changed = rows;
            done = true;
            notifyAll();
        }

        synchronized void fail(RuntimeException e) {
            if (!done) {
                failure = e;
                done = true;
                notifyAll();
            }
        }

        synchronized boolean isDone() {
            return done;
        }

        synchronized void wake() {
            notifyAll();
        }

        /** Waits for a wake-up; the caller re-checks its condition (spurious and missed wake-ups are bounded). */
        synchronized void sleep() {
            if (done || lead) {
                return;
            }
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(ErrorKind.CANCELLED, "the statement was interrupted");
            }
        }

        synchronized long result() {
            if (failure != null) {
                throw failure;
            }
            return changed;
        }
    }
}
