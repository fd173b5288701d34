package isa.duckdb.application.service;

import isa.duckdb.application.port.in.ControlQueriesUseCase;
import isa.duckdb.application.port.in.RunningQueryView;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * ListRunningQueries and CancelQuery over {@link RunningQueries}. Who may see and cancel what is
 * {@link #mayControl}'s decision alone, so the rule of authentication ("admins see all, a tenant its own")
 * replaces one method.
 */
@Singleton
public final class QueryControlService implements ControlQueriesUseCase {
    private final RunningQueries running;

    @Inject
    public QueryControlService(RunningQueries running) {
        this.running = running;
    }

    @Override
    public List<RunningQueryView> list(TenantId caller) {
        return running.all().stream().filter(q -> mayControl(caller, q)).map(RunningQueries.Entry::view).toList();
    }

    @Override
    public RunningQueryView cancel(TenantId caller, String callId) {
        if (callId == null || callId.isBlank()) {
            throw ServiceException.invalid("call_id is required");
        }
        List<RunningQueries.Entry> matching = running.all().stream()
                .filter(q -> q.callId().equals(callId) && mayControl(caller, q))
                .toList();
        if (matching.isEmpty()) {
            throw new ServiceException(ErrorKind.NOT_FOUND, "no running query has call id " + SafeText.quote(callId));
        }
        RunningQueryView view = matching.get(0).view();
        matching.forEach(q -> q.cancel("CancelQuery (call " + callId + ")"));
        return view;
    }

    /**
     * Whether {@code caller} may see and cancel {@code query}. Authentication mode {@code none} (the only
     * one today): any caller, any query (README, "Running queries").
     */
    private static boolean mayControl(TenantId caller, RunningQueries.Entry query) {
        return caller != null && query != null;
    }
}
