package isa.duckdb.application.service;

import isa.duckdb.domain.Caller;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The door every tenant call goes through (issue 12): the caller's principal must be allowed to act as the
 * tenant ({@link isa.duckdb.domain.Principal#actAs}: PERMISSION_DENIED otherwise), and the tenant may have at
 * most {@link TenantLimits#maxConcurrentCalls()} calls running at once; one more is RESOURCE_EXHAUSTED at
 * once rather than queued, so one tenant cannot hold every slot of the service.
 */
@Singleton
public final class TenantAccess {
    private final TenantLimits limits;
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    private final LimitRefusals refusals;

    @Inject
    public TenantAccess(TenantLimits limits, LimitRefusals refusals) {
        this.limits = limits;
        this.refusals = refusals;
    }

    /** With refusals counted only here (tests). */
    public TenantAccess(TenantLimits limits) {
        this(limits, new LimitRefusals());
    }

    /** Authorizes the caller and takes one of its tenant's call slots; close the returned call when done. */
    public TenantCall enter(Caller caller) {
        TenantId tenant = caller.principal().actAs(caller.userId());
        boolean[] admitted = {false};
        running.compute(tenant.id(), (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limits.maxConcurrentCalls()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            refusals.refused(LimitRefusals.Limit.CALLS);
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "tenant '" + SafeText.quote(tenant.id())
                    + "' already has " + limits.maxConcurrentCalls() + " calls running, the limit of calls at once"
                    + " per tenant (max-calls-per-tenant); retry when one has ended");
        }
        return new TenantCall(tenant, () -> running.computeIfPresent(tenant.id(), (id, n) -> n <= 1 ? null : n - 1));
    }

    /**
     * The timeout in seconds for SQL work: the request's {@code timeout_seconds}, or the default when it sets
     * none (0). INVALID_ARGUMENT when negative, RESOURCE_EXHAUSTED when above the maximum.
     */
    public int timeoutSeconds(int requested) {
        if (requested < 0) {
            throw ServiceException.invalid("timeout_seconds may not be negative");
        }
        long max = limits.maxQueryTimeout().toSeconds();
        if (requested > max) {
            refusals.refused(LimitRefusals.Limit.TIMEOUT);
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "timeout_seconds " + requested + " is above the"
                    + " limit of " + max + " seconds per query (max-query-timeout)");
        }
        return requested == 0 ? (int) limits.defaultQueryTimeout().toSeconds() : requested;
    }

    /** Calls of the tenant running now. */
    int runningCalls(TenantId tenant) {
        return running.getOrDefault(tenant.id(), 0);
    }
}
