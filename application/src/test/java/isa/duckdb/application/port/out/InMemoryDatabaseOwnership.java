package isa.duckdb.application.port.out;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link DatabaseOwnership} in memory: instances made from one {@link Coordinator} share its locks, as
 * instances on one Consul do. {@link #loseAll()} is a session invalidated; the keys it held stay untakeable
 * until {@link Coordinator#endLockDelays()}, as under Consul's lock-delay.
 */
public final class InMemoryDatabaseOwnership implements DatabaseOwnership {

    /** The shared lock table. */
    public static final class Coordinator {
        private record Holder(InMemoryDatabaseOwnership instance, OwnershipLease lease) {
        }

        private final Map<String, Holder> holders = new HashMap<>();
        private final Map<String, Long> generations = new HashMap<>();
        private final Set<String> delayed = new HashSet<>();

        /** A new instance on this coordinator. */
        public InMemoryDatabaseOwnership instance(DatabaseOwner self) {
            return new InMemoryDatabaseOwnership(this, self);
        }

        /** Lets keys of lost leases be taken again. */
        public synchronized void endLockDelays() {
            delayed.clear();
        }
    }

    private final Coordinator coordinator;
    private final DatabaseOwner self;
    private volatile Consumer<OwnershipLease> listener = lease -> { };

    private InMemoryDatabaseOwnership(Coordinator coordinator, DatabaseOwner self) {
        this.coordinator = coordinator;
        this.self = self;
    }

    /** One instance owning everything alone. */
    public static InMemoryDatabaseOwnership alone() {
        return new Coordinator().instance(new DatabaseOwner("duckdb-service-test", "127.0.0.1:50052"));
    }

    @Override
    public DatabaseOwner self() {
        return self;
    }

    @Override
    public OwnershipClaim acquire(String bucket, String databaseName) {
        String key = bucket + "/" + databaseName;
        synchronized (coordinator) {
            Coordinator.Holder holder = coordinator.holders.get(key);
            if (holder != null) {
                return holder.instance() == this ? OwnershipClaim.granted(holder.lease())
                        : OwnershipClaim.heldBy(holder.instance().self);
            }
            if (coordinator.delayed.contains(key)) {
                return OwnershipClaim.notYet();
            }
            long generation = coordinator.generations.merge(key, 1L, Long::sum);
            OwnershipLease lease = new OwnershipLease(bucket, databaseName, generation, self);
            coordinator.holders.put(key, new Coordinator.Holder(this, lease));
            return OwnershipClaim.granted(lease);
        }
    }

    @Override
    public Optional<DatabaseOwner> holder(String bucket, String databaseName) {
        synchronized (coordinator) {
            Coordinator.Holder holder = coordinator.holders.get(bucket + "/" + databaseName);
            return holder == null ? Optional.empty() : Optional.of(holder.instance().self);
        }
    }

    @Override
    public void release(OwnershipLease lease) {
        synchronized (coordinator) {
            String key = lease.bucket() + "/" + lease.databaseName();
            Coordinator.Holder holder = coordinator.holders.get(key);
            if (holder != null && holder.instance() == this && holder.lease().equals(lease)) {
                coordinator.holders.remove(key);
            }
        }
    }

    @Override
    public void onLost(Consumer<OwnershipLease> listener) {
        this.listener = listener;
    }

    /** Whether this instance holds the database now. */
    public boolean holds(String bucket, String databaseName) {
        synchronized (coordinator) {
            Coordinator.Holder holder = coordinator.holders.get(bucket + "/" + databaseName);
            return holder != null && holder.instance() == this;
        }
    }

    /** This instance's session ends: every lease it holds is lost (listener told) and lock-delayed. */
    public void loseAll() {
        lost().forEach(listener);
    }

    /**
     * This instance's session ends but the instance is not told (a long pause, a partition): every lease it
     * holds is gone and lock-delayed, while the instance still believes it owns them.
     */
    public void loseAllUnnoticed() {
        lost();
    }

    private List<OwnershipLease> lost() {
        List<OwnershipLease> lost;
        synchronized (coordinator) {
            lost = coordinator.holders.values().stream().filter(h -> h.instance() == this)
                    .map(Coordinator.Holder::lease).toList();
            for (OwnershipLease lease : lost) {
                String key = lease.bucket() + "/" + lease.databaseName();
                coordinator.holders.remove(key);
                coordinator.delayed.add(key);
            }
        }
        return lost;
    }
}
