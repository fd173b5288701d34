package isa.duckdb.application.service;

import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.OwnershipClaim;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;

/**
 * The lifecycle's side of {@link DatabaseOwnership}: a database is opened only with its lease in hand, and the
 * lease is given up after the database was closed. A database another instance serves is refused with its
 * owner named: calls for it are forwarded there before they reach the use cases (the inbound adapter asks
 * {@link DatabaseLocationService}), so this refusal is the race where the owner changed meanwhile, or a call
 * already forwarded once.
 */
final class DatabaseOwners {
    private final DatabaseOwnership ownership;

    DatabaseOwners(DatabaseOwnership ownership) {
        this.ownership = ownership;
    }

    /**
     * The database's lease for this instance. FAILED_PRECONDITION naming the owner when another instance serves
     * it; UNAVAILABLE while it changes hands (the coordinator's lock-delay) or the coordinator cannot be reached.
     */
    OwnershipLease take(DatabaseKey key) {
        OwnershipClaim claim = ownership.acquire(key.bucket(), key.name().value());
        if (claim.isGranted()) {
            return claim.lease().orElseThrow();
        }
        if (claim.heldBy().isPresent()) {
            DatabaseOwner owner = claim.heldBy().get();
            throw ServiceException.failedPrecondition("database '" + key.name() + "' is served by instance "
                    + owner.instanceId() + " at " + owner.address() + "; it changed owner while the call was on its "
                    + "way: retry the call");
        }
        throw new ServiceException(ErrorKind.UNAVAILABLE, "database '" + key.name() + "' is changing owner (its "
                + "previous instance stopped holding it); retry in a few seconds");
    }

    /** Gives the lease up; nothing when there is none. */
    void giveUp(OwnershipLease lease) {
        if (lease != null) {
            ownership.release(lease);
        }
    }
}
