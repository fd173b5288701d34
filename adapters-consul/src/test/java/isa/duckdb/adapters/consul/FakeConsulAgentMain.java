package isa.duckdb.adapters.consul;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@link FakeConsulAgent} as a process of its own, for the fault suite (bench's {@code FaultSuite}), where
 * services run as separate processes: {@code java -cp bench.jar isa.duckdb.adapters.consul.FakeConsulAgentMain [port]}
 * listens on 127.0.0.1 ({@code port} 0 or none picks a free one), prints {@code listening on 127.0.0.1:{port}} on
 * standard output once it answers, and runs until killed. Its clock follows the wall clock (moved every 100 ms), so
 * session TTLs (invalidated after 2×TTL, as {@link FakeConsulKv} says) and lock-delays pass in real time.
 */
public final class FakeConsulAgentMain {
    private static final long TICK_MILLIS = 100;

    private FakeConsulAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        FakeConsulAgent agent = FakeConsulAgent.start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("listening on 127.0.0.1:" + agent.port());
        System.out.flush();
        long last = System.nanoTime();
        while (true) {
            TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            long now = System.nanoTime();
            agent.advance(Duration.ofNanos(now - last));
            last = now;
        }
    }
}
