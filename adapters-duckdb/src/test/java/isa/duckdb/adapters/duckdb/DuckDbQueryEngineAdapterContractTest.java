package isa.duckdb.adapters.duckdb;

import static org.awaitility.Awaitility.await;

import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.application.port.out.QueryEngineContract;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

class DuckDbQueryEngineAdapterContractTest extends QueryEngineContract {
    /** Native calls of the driver that run a statement (as opposed to preparing it). */
    private static final Set<String> RUNNING = Set.of("duckdb_jdbc_execute", "duckdb_jdbc_execute_pending",
            "duckdb_jdbc_fetch");
    private static final QueryEngine ENGINE = new DuckDbQueryEngineAdapter();

    @Override
    protected QueryEngine engine() {
        return ENGINE;
    }

    /** About 10^12 row pairs on one thread; the build side stays small (10^6 rows). */
    @Override
    protected String longRunningQuery() {
        return "SELECT count(*) FROM range(1000000) a CROSS JOIN range(1000000) b";
    }

    @Override
    protected void awaitRunning(Thread worker) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(worker.getStackTrace())
                .anyMatch(frame -> RUNNING.contains(frame.getMethodName())));
    }
}
