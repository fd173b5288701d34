package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.TenantId;
import java.util.List;

public interface ManageExtensionsUseCase {

    List<EngineExtension> list(TenantId tenant, String databaseRef, CancellationSignal signal);

    /**
     * Makes an allowed extension available in the database: those bundled with the engine load at
     * once; any other fails with FAILED_PRECONDITION, as nothing is ever downloaded.
     * @return a sentence saying what was done
     */
    String install(TenantId tenant, String databaseRef, String extensionName, CancellationSignal signal);
}
