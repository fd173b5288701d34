package isa.duckdb.application.port.out;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who serves a database when several instances share a bucket: at most one instance holds a database's
 * lease at a time, and only the holder opens, writes and syncs it. With Consul this is a session (TTL,
 * lock-delay) and a KV lock per database (developer.hashicorp.com/consul/docs/automate/session); alone, an
 * instance owns every database.
 *
 * <p>A lease is lost when the coordinator invalidates it (Consul: the session's TTL ran out, it was destroyed,
 * or a check failed) or when the instance could not confirm it for a whole TTL; the listener given to
 * {@link #onLost} is told, once per lease, and the instance must stop serving that database at once.
 */
public interface DatabaseOwnership {

    /** This instance as owner records name it. */
    DatabaseOwner self();

    /**
     * Takes the database's lease for this instance, or says who holds it. Taking a lease this instance holds
     * already answers the same lease.
     *
     * @param bucket the tenant's bucket
     * @param databaseName the database's name (validated by the caller)
     * @return granted, held by another instance (named), or free but not takeable yet (Consul's lock-delay
     *     after the previous holder's session ended)
     * @throws isa.duckdb.domain.ServiceException UNAVAILABLE when the coordinator cannot be reached
     */
    OwnershipClaim acquire(String bucket, String databaseName);

    /**
     * Who holds the database's lease now, without taking it: this instance ({@link #self()}), another instance,
     * or nobody (empty: free, or held back by Consul's lock-delay). Answered from memory, without asking the
     * coordinator, when this instance holds the lease; otherwise one read at the coordinator. Used to forward a
     * call to the instance serving its database; the answer may be stale by the time the call arrives there.
     *
     * @param bucket the tenant's bucket
     * @param databaseName the database's name (validated by the caller)
     * @throws isa.duckdb.domain.ServiceException UNAVAILABLE when the coordinator cannot be reached
     */
    Optional<DatabaseOwner> holder(String bucket, String databaseName);

    /**
     * Gives the lease up, so that another instance may take it at once (no lock-delay). Releasing a lease that
     * was lost or released already does nothing; a coordinator that cannot be reached is logged, not thrown
     * (the lease then ends with the session's TTL).
     */
    void release(OwnershipLease lease);

    /** Sets the one listener told of each lost lease (on the adapter's thread); replaces an earlier one. */
    void onLost(Consumer<OwnershipLease> listener);
}
