package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.List;

/**
 * Operators' view and control of the SQL running in this instance (ListRunningQueries, CancelQuery).
 * Which queries a caller may see and cancel is decided here: an administrator principal (role
 * {@code duckdb:admin}, or any caller in authentication mode {@code none}) sees and may cancel every query;
 * any other principal only the queries of the tenant it acts as ({@code user_id}, else its own subject).
 */
public interface ControlQueriesUseCase {

    /** The running queries {@code caller} may see, oldest first. */
    List<RunningQueryView> list(Caller caller);

    /**
     * Cancels the query of call {@code callId}: DuckDB is interrupted and the call answers CANCELLED.
     *
     * @return the query as it was when cancelled
     * @throws isa.duckdb.domain.ServiceException PERMISSION_DENIED when a non-administrator may not act as
     *     {@code user_id}; NOT_FOUND when no running query the caller may see has that
     *     call id (finished already, or never existed); INVALID_ARGUMENT for an empty id
     */
    RunningQueryView cancel(Caller caller, String callId);
}
