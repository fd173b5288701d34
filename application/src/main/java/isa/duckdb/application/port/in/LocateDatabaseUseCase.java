package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.Optional;

/**
 * Where a call on a database is to be served when several instances share a bucket: here, or at the instance
 * holding the database's ownership lease (README, "Several instances"). The inbound adapter forwards the call
 * there.
 */
public interface LocateDatabaseUseCase {

    /**
     * The other instance that serves the database now, or empty to serve the call here: this instance holds it,
     * nobody does (this instance takes it when the call opens it), or the call cannot be located (the caller may
     * not act as the tenant, the database does not exist, the coordinator cannot be reached): the call then fails
     * here with the error it would get anyway. Never throws; answered from memory when this instance holds the
     * database.
     *
     * @param caller the call's principal and {@code user_id}
     * @param databaseRef the request's {@code database_id}: the database's id or name
     */
    Optional<ServingInstance> servedElsewhere(Caller caller, String databaseRef);

    /**
     * A call forwarded to {@code owner} could not reach it (it stopped, or the network failed): answers naming it
     * are not reused, the next call asks the coordinator again.
     */
    void unreachable(ServingInstance owner);

    /** This instance's id, as forwarded calls name their sender. */
    String instanceId();
}
