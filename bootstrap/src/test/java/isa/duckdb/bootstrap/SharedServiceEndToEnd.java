package isa.duckdb.bootstrap;

import isa.duckdb.api.DuckDBServiceGrpc.DuckDBServiceBlockingStub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real service (embedded storage, loopback port) shared by the tests of a class. */
abstract class SharedServiceEndToEnd {
    @TempDir
    static Path data;
    static RunningService service;
    static DuckDBServiceBlockingStub stub;

    @BeforeAll
    static void startService() {
        service = RunningService.start(data);
        stub = service.blocking();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }
}
