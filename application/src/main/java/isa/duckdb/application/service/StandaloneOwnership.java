package isa.duckdb.application.service;

import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.OwnershipClaim;
import isa.duckdb.application.port.out.OwnershipLease;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Ownership without a coordinator: this instance owns every database and never loses one. Right for one instance
 * alone on its storage; nothing here keeps a second instance off the same bucket.
 */
public final class StandaloneOwnership implements DatabaseOwnership {
    /** The one instance. */
    public static final StandaloneOwnership INSTANCE = new StandaloneOwnership();
    private static final DatabaseOwner SELF = new DatabaseOwner("this-instance", "local");

    private StandaloneOwnership() {
    }

    @Override
    public DatabaseOwner self() {
        return SELF;
    }

    @Override
    public OwnershipClaim acquire(String bucket, String databaseName) {
        return OwnershipClaim.granted(new OwnershipLease(bucket, databaseName, 1, SELF));
    }

    /** Always this instance. */
    @Override
    public Optional<DatabaseOwner> holder(String bucket, String databaseName) {
        return Optional.of(SELF);
    }

    @Override
    public void release(OwnershipLease lease) {
        // nothing is held anywhere
    }

    @Override
    public void onLost(Consumer<OwnershipLease> listener) {
        // never lost
    }
}
