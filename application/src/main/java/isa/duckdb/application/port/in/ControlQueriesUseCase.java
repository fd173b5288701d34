package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;
import java.util.List;

/**
 * Operators' view and control of the SQL running in this instance (ListRunningQueries, CancelQuery).
 * Which queries a caller may see and cancel is decided here: today (authentication mode {@code none}) every
 * caller sees and may cancel every query; with principals, admins see all and a tenant only its own.
 */
public interface ControlQueriesUseCase {

    /** The running queries {@code caller} may see, oldest first. */
    List<RunningQueryView> list(TenantId caller);

    /**
     * Cancels the query of call {@code callId}: DuckDB is interrupted and the call answers CANCELLED.
     *
     * @return the query as it was when cancelled
     * @throws isa.duckdb.domain.ServiceException NOT_FOUND when no running query the caller may see has that
     *     call id (finished already, or never existed); INVALID_ARGUMENT for an empty id
     */
    RunningQueryView cancel(TenantId caller, String callId);
}
