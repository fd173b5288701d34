package isa.duckdb.application.service;

import isa.duckdb.domain.TenantId;
import java.util.concurrent.atomic.AtomicBoolean;

/** One running call of a tenant the principal may act as; closing it (once, from any thread) frees its slot. */
public final class TenantCall implements AutoCloseable {
    private final TenantId tenant;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    TenantCall(TenantId tenant, Runnable release) {
        this.tenant = tenant;
        this.release = release;
    }

    /** The tenant the call acts as, authorized for the call's principal. */
    public TenantId tenant() {
        return tenant;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
