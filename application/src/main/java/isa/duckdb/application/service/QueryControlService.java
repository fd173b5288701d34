package isa.duckdb.application.service;

import isa.duckdb.application.port.in.ControlQueriesUseCase;
import isa.duckdb.application.port.in.RunningQueryView;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Predicate;

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
    public List<RunningQueryView> list(Caller caller) {
        Predicate<RunningQueries.Entry> visible = visibleTo(caller);
        return running.all().stream().filter(visible).map(RunningQueries.Entry::view).toList();
    }

    @Override
    public RunningQueryView cancel(Caller caller, String callId) {
        if (callId == null || callId.isBlank()) {
            throw ServiceException.invalid("call_id is required");
        }
        Predicate<RunningQueries.Entry> visible = visibleTo(caller);
        List<RunningQueries.Entry> matching = running.all().stream()
                .filter(q -> q.callId().equals(callId) && visible.test(q))
                .toList();
        if (matching.isEmpty()) {
            throw new ServiceException(ErrorKind.NOT_FOUND, "no running query has call id " + SafeText.quote(callId));
        }
        RunningQueryView view = matching.get(0).view();
        matching.forEach(q -> q.cancel("CancelQuery (call " + callId + ")"));
        return view;
    }

    /**
     * Which queries the caller may see and cancel (issue 14): all for an administrator (every caller in
     * authentication mode {@code none}), else those of the tenant its principal acts as. Either way the caller
     * must name a tenant it may act as: PERMISSION_DENIED for an empty {@code user_id} in mode {@code none}
     * (contract, "Errors"), UNAUTHENTICATED without a credential.
     */
    private static Predicate<RunningQueries.Entry> visibleTo(Caller caller) {
        TenantId tenant = caller.principal().actAs(caller.userId());
        if (caller.principal().isAdmin()) {
            return query -> true;
        }
        return query -> query.view().tenant().equals(tenant.id());
    }
}
