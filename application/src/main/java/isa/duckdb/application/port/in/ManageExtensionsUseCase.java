package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.Caller;
import java.util.List;

public interface ManageExtensionsUseCase {

    List<EngineExtension> list(Caller caller, String databaseRef, CancellationSignal signal);

    /**
     * Makes an allowed extension available in the database: those bundled with the engine load at
     * once; any other fails with FAILED_PRECONDITION, as nothing is ever downloaded.
     * @return a sentence saying what was done
     */
    String install(Caller caller, String databaseRef, String extensionName, CancellationSignal signal);
}
