package isa.duckdb.application.port.out;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

class InMemoryQueryEngineTest extends QueryEngineContract {
    private static final String LONG_RUNNING = "SELECT count(*) FROM range(1000000000) a CROSS JOIN range(1000000000) b";

    private InMemoryQueryEngine engine;

    @BeforeEach
    void createEngine() {
        engine = new InMemoryQueryEngine();
        engine.script(LONG_RUNNING, ScriptedAnswer.blockUntilCancelled());
    }

    @Override
    protected QueryEngine engine() {
        return engine;
    }

    @Override
    protected String longRunningQuery() {
        return LONG_RUNNING;
    }

    @Override
    protected void awaitRunning(Thread worker) {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.blocked().contains(LONG_RUNNING));
    }
}
