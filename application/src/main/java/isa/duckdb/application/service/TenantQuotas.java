package isa.duckdb.application.service;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.StoredObject;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlScript;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The per-tenant quotas of issue 12 (RESOURCE_EXHAUSTED naming the limit): databases per tenant, and bytes
 * stored per tenant. Stored bytes are the database files (as last synced) and backups in the tenant's database
 * bucket (not the service's own small bookkeeping objects, {@code .owner} and {@code .meta/}), measured by listing the bucket at most every {@link #MEASURE_EVERY} per tenant;
 * a tenant at or over the limit may still read, drop and delete, but calls that add data are refused.
 */
@Singleton
public final class TenantQuotas {
    private final LimitRefusals refusals;
    static final Duration MEASURE_EVERY = Duration.ofSeconds(10);
    /** First words of statements that only read (DuckDB's grammar); anything else may write. */
    private static final Set<String> READ_ONLY_WORDS =
            Set.of("SELECT", "FROM", "VALUES", "TABLE", "EXPLAIN", "DESCRIBE", "SHOW", "SUMMARIZE");

    private final ObjectStorage storage;
    private final TenantLimits limits;
    private final Clock clock;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();
    private final Map<String, Object> creationLocks = new ConcurrentHashMap<>();

    private record Measured(long bytes, Instant at) {
    }

    @Inject
    public TenantQuotas(ObjectStorage storage, TenantLimits limits, Clock clock, LimitRefusals refusals) {
        this.storage = storage;
        this.limits = limits;
        this.clock = clock;
        this.refusals = refusals;
    }

    /** With refusals counted only here (tests). */
    public TenantQuotas(ObjectStorage storage, TenantLimits limits, Clock clock) {
        this(storage, limits, clock, new LimitRefusals());
    }

    /**
     * Runs the creation of a database (CreateDatabase, RestoreDatabase) when the tenant has room for one more
     * database and bytes: RESOURCE_EXHAUSTED otherwise. Creations of one tenant run one at a time in this
     * instance, so that concurrent ones cannot pass the count together.
     *
     * @param databasesNow counts the tenant's databases, called under the tenant's creation lock
     */
    public <T> T creatingDatabase(TenantId tenant, IntSupplier databasesNow, Supplier<T> create) {
        synchronized (creationLocks.computeIfAbsent(tenant.id(), id -> new Object())) {
            requireDatabaseRoom(tenant, databasesNow.getAsInt());
            requireStorageRoom(tenant);
            try {
                return create.get();
            } finally {
                forget(tenant);
            }
        }
    }

    /** RESOURCE_EXHAUSTED when the tenant already has as many databases as allowed. */
    void requireDatabaseRoom(TenantId tenant, int databasesNow) {
        if (databasesNow >= limits.maxDatabases()) {
            refusals.refused(LimitRefusals.Limit.DATABASES);
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "tenant '" + SafeText.quote(tenant.id())
                    + "' has " + databasesNow + " databases, the limit of databases per tenant is "
                    + limits.maxDatabases() + " (max-databases-per-tenant); delete one first");
        }
    }

    /** RESOURCE_EXHAUSTED when the tenant's stored bytes reached the limit (if there is one). */
    public void requireStorageRoom(TenantId tenant) {
        if (!limits.limitsStoredBytes()) {
            return;
        }
        long bytes = storedBytes(tenant);
        if (bytes >= limits.maxStoredBytes()) {
            refusals.refused(LimitRefusals.Limit.STORED_BYTES);
            throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "tenant '" + SafeText.quote(tenant.id())
                    + "' stores " + bytes + " bytes, the limit of stored bytes per tenant is " + limits.maxStoredBytes()
                    + " (max-stored-bytes-per-tenant); drop data or delete databases and backups first");
        }
    }

    /** As {@link #requireStorageRoom}, unless every statement of the SQL only reads. */
    public void requireRoomUnlessReadOnly(TenantId tenant, String sql) {
        if (!limits.limitsStoredBytes() || readOnly(sql)) {
            return;
        }
        requireStorageRoom(tenant);
    }

    /** Forgets the last measurement (after the tenant's stored bytes changed on purpose, e.g. a delete). */
    public void forget(TenantId tenant) {
        measured.remove(tenant.id());
    }

    private long storedBytes(TenantId tenant) {
        Instant now = clock.instant();
        Measured last = measured.get(tenant.id());
        if (last != null && last.at().plus(MEASURE_EVERY).isAfter(now)) {
            return last.bytes();
        }
        long bytes = storage.list(tenant.databaseBucket(), "").stream()
                .filter(o -> !o.key().startsWith("."))
                .mapToLong(StoredObject::size).sum();
        measured.put(tenant.id(), new Measured(bytes, now));
        return bytes;
    }

    private static boolean readOnly(String sql) {
        List<List<String>> words = SqlScript.parse(sql == null ? "" : sql).leadingKeywords(2);
        return words.stream().allMatch(w -> !w.isEmpty() && READ_ONLY_WORDS.contains(w.get(0)) && !runsTheStatement(w));
    }

    /** {@code EXPLAIN ANALYZE} runs the statement it explains (DuckDB's "Profiling Queries"). */
    private static boolean runsTheStatement(List<String> words) {
        return words.get(0).equals("EXPLAIN") && words.size() > 1
                && (words.get(1).equals("ANALYZE") || words.get(1).equals("ANALYSE"));
    }
}
