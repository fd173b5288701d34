package isa.duckdb.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault suite of issue 13 ({@code bash tests/faults/run.sh}): the built service jar as separate processes on
 * loopback, S3Proxy on loopback, Consul's fake agent ({@code FakeConsulAgentMain}) as a process of its own unless
 * {@code CONSUL_HTTP_ADDR} names a real agent ({@code host:port}, e.g. of {@code consul agent -dev}). Each scenario
 * ({@link FaultScenarios}) runs with its own timeout and prints one line ({@link ScenarioResult#line}); the scenarios
 * share the agent, so each names its database after itself (a killed owner's lock outlives its scenario by the
 * session TTL).
 *
 * <p>Usage: {@code java -cp bench.jar isa.duckdb.bench.FaultSuite --service-jar J --work DIR [--only a,b]}; exit 0
 * when no scenario failed or timed out, 1 otherwise, 2 for bad arguments.
 */
public final class FaultSuite {
    private interface Scenario {
        ScenarioResult run(FaultLab lab, String name) throws Exception;
    }

    private record Entry(String name, int timeoutSeconds, boolean needsConsul, Optional<String> skip, Scenario scenario) {
    }

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        if (!options.containsKey("--service-jar") || !options.containsKey("--work")) {
            System.err.println("usage: FaultSuite --service-jar <duckdb-service.jar> --work <dir> [--only name,name]");
            System.exit(2);
        }
        Path jar = Path.of(options.get("--service-jar"));
        Path work = Path.of(options.get("--work"));
        List<String> only = options.containsKey("--only") ? List.of(options.get("--only").split(",")) : List.of();
        Optional<String> noCommit = helpLists(jar, "--durability") ? Optional.empty()
                : Optional.of("this jar has no --durability flag");

        List<Entry> entries = List.of(
                new Entry("kill-9-disk-kept", 140, false, Optional.empty(), FaultScenarios::killKeepDisk),
                new Entry("kill-9-disk-lost-periodic", 170, false, Optional.empty(),
                        (lab, name) -> FaultScenarios.killLoseDisk(lab, name, null)),
                new Entry("kill-9-disk-lost-commit", 170, false, noCommit,
                        (lab, name) -> FaultScenarios.killLoseDisk(lab, name, "commit")),
                new Entry("storage-outage-20s", 170, false, Optional.empty(), FaultScenarios::storageOutage),
                new Entry("consul-2-instances", 140, true, Optional.empty(),
                        (lab, name) -> FaultScenarios.instances(lab, name, 2)),
                new Entry("consul-3-instances", 160, true, Optional.empty(),
                        (lab, name) -> FaultScenarios.instances(lab, name, 3)),
                new Entry("owner-killed-periodic", 200, true, Optional.empty(),
                        (lab, name) -> FaultScenarios.ownerKilled(lab, name, null)),
                new Entry("owner-killed-commit", 200, true, noCommit,
                        (lab, name) -> FaultScenarios.ownerKilled(lab, name, "commit")),
                new Entry("old-owner-wakes", 220, true, Optional.empty(), FaultScenarios::oldOwnerWakes));

        List<String> unknown = only.stream().filter(n -> entries.stream().noneMatch(e -> e.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            System.err.println("unknown scenarios " + unknown + "; the scenarios are "
                    + entries.stream().map(Entry::name).toList());
            System.exit(2);
        }
        String external = System.getenv("CONSUL_HTTP_ADDR");
        Process fakeAgent = null;
        Optional<String> consul;
        if (external != null && !external.isBlank()) {
            consul = Optional.of(external.replaceFirst("^https?://", ""));
            System.out.println("== Consul agent: " + consul.get() + " (CONSUL_HTTP_ADDR)");
        } else {
            fakeAgent = startFakeAgent();
            consul = Optional.of(readAddress(fakeAgent));
            System.out.println("== Consul agent: the fake agent (FakeConsulAgentMain) on " + consul.get());
        }
        List<ScenarioResult> results = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (Entry entry : entries) {
                if (!only.isEmpty() && !only.contains(entry.name())) {
                    continue;
                }
                long begin = System.nanoTime();
                ScenarioResult result = entry.skip().isPresent() ? ScenarioResult.skipped(entry.name(), entry.skip().get())
                        : run(entry, jar, work.resolve(entry.name()), consul);
                results.add(result);
                System.out.printf("%s [%.0f s]%n", result.line(), (System.nanoTime() - begin) / 1e9);
            }
        } finally {
            if (fakeAgent != null) {
                fakeAgent.destroyForcibly();
            }
        }
        long failed = results.stream().filter(ScenarioResult::failedSuite).count();
        System.out.printf("== %d scenarios in %.0f s: %d failed%n", results.size(),
                (System.nanoTime() - started) / 1e9, failed);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs one scenario on a lab of its own, killing its lab (processes, S3) when it overruns its timeout. */
    private static ScenarioResult run(Entry entry, Path jar, Path directory, Optional<String> consul) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicReference<FaultLab> lab = new AtomicReference<>();
        try {
            Future<ScenarioResult> result = executor.submit(() -> {
                lab.set(new FaultLab(jar, directory, entry.needsConsul() ? consul : Optional.empty()));
                try {
                    return entry.scenario().run(lab.get(), entry.name());
                } finally {
                    lab.get().close();
                }
            });
            try {
                return result.get(entry.timeoutSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (lab.get() != null) {
                    lab.get().close();
                }
                result.cancel(true);
                return ScenarioResult.timedOut(entry.name(), entry.timeoutSeconds());
            }
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return ScenarioResult.failed(entry.name(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } finally {
            executor.shutdownNow();
        }
    }

    private static Process startFakeAgent() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "isa.duckdb.adapters.consul.FakeConsulAgentMain", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The {@code host:port} the fake agent prints once it listens. */
    private static String readAddress(Process agent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on ")) {
            throw new IllegalStateException("the fake Consul agent did not start: " + line);
        }
        return line.substring("listening on ".length()).trim();
    }

    /** Whether {@code java -jar jar --help} mentions {@code flag}. */
    private static boolean helpLists(Path jar, String flag) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process help = new ProcessBuilder(java, "-jar", jar.toString(), "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        help.waitFor(60, TimeUnit.SECONDS);
        return text.contains(flag);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
