package isa.duckdb.application.port.out;

import java.util.Optional;

/**
 * What {@link DatabaseOwnership#acquire} found: the lease (granted), or the other instance that holds it, or
 * neither (free, but not takeable before the coordinator's lock-delay ends).
 */
public record OwnershipClaim(Optional<OwnershipLease> lease, Optional<DatabaseOwner> heldBy) {

    public static OwnershipClaim granted(OwnershipLease lease) {
        return new OwnershipClaim(Optional.of(lease), Optional.empty());
    }

    public static OwnershipClaim heldBy(DatabaseOwner owner) {
        return new OwnershipClaim(Optional.empty(), Optional.of(owner));
    }

    public static OwnershipClaim notYet() {
        return new OwnershipClaim(Optional.empty(), Optional.empty());
    }

    public boolean isGranted() {
        return lease.isPresent();
    }
}
