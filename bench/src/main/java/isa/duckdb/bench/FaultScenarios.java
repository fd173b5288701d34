package isa.duckdb.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The scenarios of issue 13's fault suite, each on a {@link FaultLab} of its own: writers acknowledge single-row
 * inserts while a fault hits the service, then every instance is stopped and a fresh instance reads what storage
 * holds; an acknowledged id missing there is lost. Periodic scenarios run with {@code --sync-interval 5}; "loss
 * within one interval" means every lost row was acknowledged at most {@link #SYNC_SECONDS} + {@link #SLACK_SECONDS}
 * seconds before the fault (the slack covers the sync's wait for running calls, up to 1 s, and its upload).
 */
final class FaultScenarios {
    static final int SYNC_SECONDS = 5;
    static final int SLACK_SECONDS = 3;
    private static final List<String> PERIODIC = List.of("--sync-interval", Integer.toString(SYNC_SECONDS));
    private static final String OLD_OWNER_REFUSED = "refused, this instance no longer owns it";
    private static final String OLD_OWNER_LOST_LOCK = "Lost the ownership of";

    private FaultScenarios() {
    }

    /** kill -9, then a restart on the same data path: crash recovery uploads the leftover working copy; 0 lost. */
    static ScenarioResult killKeepDisk(FaultLab lab, String name) throws Exception {
        FaultNode a = lab.node("a", "127.0.0.1", false, List.of("--sync-interval", "30")).start();
        lab.createTable(a, "kept");
        AckedWriter writer = lab.writer("w", a, "kept", 0);
        sleep(6);
        long kill = System.nanoTime();
        a.kill();
        a.start();
        long back = awaitAck(writer, kill, 60);
        sleep(3);
        writer.close();
        int exit = a.stop(90);
        Map<Long, Long> lost = FaultLab.lost(lab.storedIds("kept"), writer);
        List<String> problems = new ArrayList<>();
        expect(problems, back > 0, "no write acknowledged after the restart");
        expect(problems, exit == 0, "exit " + exit + " after SIGTERM");
        expect(problems, lost.isEmpty(), lost.size() + " acknowledged rows lost");
        return ScenarioResult.judged(name, writer.acknowledged().size(), lost.size(), writer.refused(),
                writer.failed(), "restart-to-ack=" + secondsOrNone(kill, back) + "s exit=" + exit, join(problems));
    }

    /**
     * kill -9 and the disk lost: a new instance on a fresh data path, same storage. {@code durability} null runs
     * the default (periodic): loss within one interval; {@code commit}: 0 lost. Without Consul the new instance
     * refuses the database until the dead one's serving marker is stale (30 s after its last heartbeat).
     */
    static ScenarioResult killLoseDisk(FaultLab lab, String name, String durability) throws Exception {
        List<String> flags = new ArrayList<>(PERIODIC);
        if (durability != null) {
            flags.addAll(List.of("--durability", durability));
        }
        FaultNode a = lab.node("a", "127.0.0.1", false, flags);
        // The replacement's JVM starts beside the first one (its own data path); it touches the database only once
        // writes reach it after the kill.
        FaultNode b = lab.node("b", "127.0.0.2", false, flags);
        startAll(List.of(a, b));
        lab.createTable(a, "lost_disk");
        AckedWriter before = lab.writer("w1", a, "lost_disk", 0);
        sleep(12);
        long kill = System.nanoTime();
        a.kill();
        before.close();
        AckedWriter after = lab.writer("w2", b, "lost_disk", 1_000_000_000L);
        long back = awaitAck(after, kill, 90);
        sleep(2);
        after.close();
        Set<Long> stored = lab.ids(b, "lost_disk");
        int exit = b.stop(90);
        Map<Long, Long> lostBefore = FaultLab.lost(stored, before);
        Map<Long, Long> lostAfter = FaultLab.lost(stored, after);
        double oldest = oldestBefore(lostBefore, kill);
        long lastInterval = before.acknowledged().values().stream()
                .filter(at -> at >= kill - TimeUnit.SECONDS.toNanos(SYNC_SECONDS)).count();
        List<String> problems = new ArrayList<>();
        expect(problems, back > 0, "the new instance acknowledged no write");
        expect(problems, lostAfter.isEmpty(), lostAfter.size() + " rows acknowledged by the new instance lost");
        if (durability == null) {
            expect(problems, oldest <= SYNC_SECONDS + SLACK_SECONDS,
                    String.format("a lost row was acknowledged %.1f s before the kill", oldest));
        } else {
            expect(problems, lostBefore.isEmpty(), lostBefore.size() + " acknowledged rows lost");
        }
        expect(problems, exit == 0, "exit " + exit + " after SIGTERM");
        return ScenarioResult.judged(name, FaultLab.acknowledged(before, after), lostBefore.size() + lostAfter.size(),
                after.refused() + before.refused(), after.failed() + before.failed(),
                String.format("acked-in-last-%ds=%d oldest-lost=%ss-before-kill kill-to-ack=%ss", SYNC_SECONDS,
                        lastInterval, lostBefore.isEmpty() ? "-" : String.format("%.1f", oldest),
                        secondsOrNone(kill, back)),
                join(problems));
    }

    /** Storage (S3Proxy) stopped for 20 s under writes, then back; a clean SIGTERM stop; 0 lost. */
    static ScenarioResult storageOutage(FaultLab lab, String name) throws Exception {
        FaultNode a = lab.node("a", "127.0.0.1", false, PERIODIC).start();
        lab.createTable(a, "outage");
        AckedWriter writer = lab.writer("w", a, "outage", 0);
        sleep(5);
        long down = System.nanoTime();
        lab.stopStorage();
        sleep(20);
        long up = System.nanoTime();
        lab.startStorage();
        sleep(SYNC_SECONDS + 3);
        writer.close();
        int exit = a.stop(90);
        boolean synced = a.logged("Stopped; every database was synced");
        boolean leaseLost = a.logged("Lost the serving marker of");
        boolean leaseKept = a.logged("nobody took it over, still serving it");
        long duringOutage = writer.acknowledged().values().stream().filter(at -> at >= down && at < up).count();
        Map<Long, Long> lost = FaultLab.lost(lab.storedIds("outage"), writer);
        List<String> problems = new ArrayList<>();
        expect(problems, duringOutage > 0, "no write acknowledged during the outage");
        expect(problems, exit == 0 && synced, "exit " + exit + " after SIGTERM, synced stop logged: " + synced);
        expect(problems, lost.isEmpty(), lost.size() + " acknowledged rows lost");
        return ScenarioResult.judged(name, writer.acknowledged().size(), lost.size(), writer.refused(),
                writer.failed(), "acked-during-outage=" + duringOutage + " marker=" + (leaseLost ? "lost" : leaseKept ? "overdue-kept" : "fresh")
                        + " exit=" + exit, join(problems));
    }

    /**
     * {@code count} instances with Consul, a writer on each, one database: 0 lost. Without call forwarding a
     * non-owner refuses (counted, not acknowledged); with it, every write must be acknowledged.
     */
    static ScenarioResult instances(FaultLab lab, String name, int count) throws Exception {
        List<FaultNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(lab.node("n" + (i + 1), "127.0.0." + (i + 1), true, PERIODIC));
        }
        startAll(nodes);
        lab.createTable(nodes.get(0), name);
        AckedWriter[] writers = new AckedWriter[count];
        for (int i = 0; i < count; i++) {
            writers[i] = lab.writer("w" + (i + 1), nodes.get(i), name, i * 1_000_000_000L);
        }
        sleep(8);
        int refused = 0;
        int failed = 0;
        boolean forwarding = true;
        for (AckedWriter writer : writers) {
            writer.close();
            refused += writer.refused();
            failed += writer.failed();
            forwarding &= !writer.lastRefusal().contains("does not forward calls");
        }
        List<Integer> exits = new ArrayList<>();
        for (FaultNode node : nodes) {
            exits.add(node.stop(90));
        }
        Map<Long, Long> lost = FaultLab.lost(lab.storedIds(name), writers);
        List<String> problems = new ArrayList<>();
        expect(problems, lost.isEmpty(), lost.size() + " acknowledged rows lost");
        expect(problems, exits.stream().allMatch(exit -> exit == 0), "exits after SIGTERM " + exits);
        expect(problems, !forwarding || refused + failed == 0, (refused + failed) + " writes not acknowledged");
        return ScenarioResult.judged(name, FaultLab.acknowledged(writers), lost.size(), refused, failed,
                "forwarding=" + (forwarding ? "yes" : "no(refused-by-non-owners)") + " exits=" + exits,
                join(problems));
    }

    /**
     * Two instances with Consul, writers on both; the owner killed with -9 mid-load. Failover: seconds from the kill
     * (the owner's process gone) to the first acknowledgement of a write sent through the other instance after it.
     * Loss: within one interval (periodic), 0 ({@code commit}); nothing sent through the survivor after the kill may be
     * lost. Writes sent through the survivor before the kill were forwarded to the owner and may have been served
     * there, even when their answer arrived after the kill: they count as the owner's.
     */
    static ScenarioResult ownerKilled(FaultLab lab, String name, String durability) throws Exception {
        List<String> flags = new ArrayList<>(PERIODIC);
        if (durability != null) {
            flags.addAll(List.of("--durability", durability));
        }
        FaultNode a = lab.node("a", "127.0.0.1", true, flags);
        FaultNode b = lab.node("b", "127.0.0.2", true, flags);
        startAll(List.of(a, b));
        lab.createTable(a, name);
        AckedWriter onA = lab.writer("wa", a, name, 0);
        AckedWriter onB = lab.writer("wb", b, name, 1_000_000_000L);
        sleep(8);
        a.kill();
        long kill = System.nanoTime();
        onA.close();
        long failover = awaitAck(onB, kill, 75);
        sleep(3);
        onB.close();
        int exit = b.stop(90);
        Set<Long> stored = durability == null ? lab.storedIds(name) : lab.servedIds(name);
        Map<Long, Long> lostA = new HashMap<>();
        Map<Long, Long> lostB = new HashMap<>();
        FaultLab.lost(stored, onA).forEach(lostA::put);
        FaultLab.lost(stored, onB).forEach((id, at) -> (onB.sentAt(id) < kill ? lostA : lostB).put(id, at));
        double oldest = oldestBefore(lostA, kill);
        List<String> problems = new ArrayList<>();
        expect(problems, failover > 0, "no write acknowledged through the other instance within 75 s");
        expect(problems, lostB.isEmpty(), lostB.size() + " rows sent through the survivor after the kill lost");
        if (durability == null) {
            expect(problems, oldest <= SYNC_SECONDS + SLACK_SECONDS,
                    String.format("a lost row was acknowledged %.1f s before the kill", oldest));
        } else {
            expect(problems, lostA.isEmpty(), lostA.size() + " rows acknowledged before the kill lost");
        }
        expect(problems, exit == 0, "survivor exit " + exit + " after SIGTERM");
        return ScenarioResult.judged(name, FaultLab.acknowledged(onA, onB), lostA.size() + lostB.size(),
                onA.refused() + onB.refused(), onA.failed() + onB.failed(),
                "failover=" + secondsOrNone(kill, failover) + "s oldest-lost="
                        + (lostA.isEmpty() ? "-" : String.format("%.1f", oldest)) + "s-before-kill",
                join(problems));
    }

    /**
     * The owner paused (SIGSTOP) past its session's TTL while the other instance takes the database over and
     * writes, then resumed (SIGCONT): it must not upload over the new owner (its upload refused, or the lost lock
     * noticed first and its copy set aside, both logged), and every row sent to the new owner after the pause stays in
     * storage (one sent through it before was forwarded to the old owner and counts as the old owner's).
     */
    static ScenarioResult oldOwnerWakes(FaultLab lab, String name) throws Exception {
        FaultNode a = lab.node("a", "127.0.0.1", true, PERIODIC);
        FaultNode b = lab.node("b", "127.0.0.2", true, PERIODIC);
        startAll(List.of(a, b));
        lab.createTable(a, name);
        AckedWriter onA = lab.writer("wa", a, name, 0);
        AckedWriter onB = lab.writer("wb", b, name, 1_000_000_000L);
        sleep(6);
        a.signal("STOP");
        long paused = System.nanoTime();
        onA.close();
        long takeover = awaitAck(onB, paused, 75);
        sleep(SYNC_SECONDS + 3);
        long resumed = System.nanoTime();
        a.signal("CONT");
        sleep(8);
        onB.close();
        boolean refusedLogged = a.logged(OLD_OWNER_REFUSED);
        boolean lostLockLogged = a.logged(OLD_OWNER_LOST_LOCK);
        int exitB = b.stop(90);
        int exitA = a.stop(90);
        Set<Long> stored = lab.storedIds(name);
        Map<Long, Long> lostA = FaultLab.lost(stored, onA);
        Map<Long, Long> lostB = new HashMap<>();
        FaultLab.lost(stored, onB).forEach((id, at) -> (onB.sentAt(id) < paused ? lostA : lostB).put(id, at));
        double oldest = oldestBefore(lostA, paused);
        List<String> problems = new ArrayList<>();
        expect(problems, takeover > 0, "the other instance acknowledged no write within 75 s of the pause");
        expect(problems, refusedLogged || lostLockLogged, "the old owner logged neither '" + OLD_OWNER_REFUSED
                + "' nor '" + OLD_OWNER_LOST_LOCK + "' (log: " + a.log() + ")");
        expect(problems, lostB.isEmpty(), lostB.size() + " rows sent to the new owner after the pause lost");
        expect(problems, oldest <= SYNC_SECONDS + SLACK_SECONDS,
                String.format("a lost row of the old owner was acknowledged %.1f s before the pause", oldest));
        expect(problems, exitB == 0, "new owner exit " + exitB + " after SIGTERM");
        return ScenarioResult.judged(name, FaultLab.acknowledged(onA, onB), lostA.size() + lostB.size(),
                onA.refused() + onB.refused(), onA.failed() + onB.failed(),
                "takeover=" + secondsOrNone(paused, takeover) + "s paused=" + secondsOrNone(paused, resumed)
                        + "s old-owner=" + (refusedLogged ? "upload-refused" : lostLockLogged ? "lost-lock-noticed" : "?")
                        + " lost-of-old-owner=" + lostA.size() + " exits=" + exitB + "," + exitA,
                join(problems));
    }

    /** Starts the nodes at once (their JVMs start in parallel) and waits for all. */
    private static void startAll(List<FaultNode> nodes) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<FaultNode>> started = new ArrayList<>();
            for (FaultNode node : nodes) {
                started.add(starter.submit(node::start));
            }
            for (Future<FaultNode> future : started) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            starter.shutdownNow();
        }
    }

    /**
     * Waits up to {@code seconds} for the acknowledgement of a write {@code writer} sent at or after {@code since}
     * (then another instance than one a fault hit at {@code since} served it); its time, or -1 if none.
     */
    private static long awaitAck(AckedWriter writer, long since, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            long ack = writer.firstAckSentAtOrAfter(since);
            if (ack > 0) {
                return ack;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** Seconds between the earliest lost acknowledgement and {@code fault}; 0 when nothing was lost. */
    private static double oldestBefore(Map<Long, Long> lost, long fault) {
        long earliest = lost.values().stream().mapToLong(Long::longValue).min().orElse(fault);
        return (fault - earliest) / 1e9;
    }

    private static String secondsOrNone(long from, long to) {
        return to < 0 ? "-" : String.format("%.1f", (to - from) / 1e9);
    }

    private static void expect(List<String> problems, boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
    }

    private static String join(List<String> problems) {
        return String.join("; ", problems);
    }

    private static void sleep(int seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(seconds);
    }
}
