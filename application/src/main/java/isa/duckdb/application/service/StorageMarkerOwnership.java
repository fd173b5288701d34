package isa.duckdb.application.service;

import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.application.port.out.OwnershipClaim;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Ownership without Consul: a marker object per database being served, {@code .serving/{name}} in its bucket
 * ({@link StorageLayout#servingMarkerKey}), naming the instance and holding a heartbeat time that
 * {@link #heartbeat()} refreshes every {@link #HEARTBEAT_EVERY}. An instance refuses a database whose marker names
 * another instance with a heartbeat fresher than {@link #STALE_AFTER}; a stale marker (its instance died) is taken
 * over. An instance that finds its marker naming another instance, or that could not refresh it for
 * {@link #STALE_AFTER} and still cannot reach it, has lost that lease; one that reaches it again after that long and
 * finds it still naming itself and its generation (nobody took it over: storage was down for everyone) keeps it.
 * Closing a database marks its marker released (heartbeat at the epoch).
 *
 * <p>Storage offers no conditional write, so two instances opening one unserved database within the same few
 * milliseconds may both get it; the loser finds the other's marker at its next heartbeat and stops serving it.
 */
public final class StorageMarkerOwnership implements DatabaseOwnership {
    /** How often markers of served databases are refreshed. */
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);
    /** A marker not refreshed this long belongs to an instance presumed gone. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(StorageMarkerOwnership.class.getName());

    private record Marker(DatabaseOwner owner, long generation, Instant heartbeat) {
    }

    private record Held(OwnershipLease lease, Instant refreshed) {
    }

    private final ObjectStorage storage;
    private final DatabaseOwner self;
    private final Clock clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private volatile Consumer<OwnershipLease> listener = lease -> { };

    public StorageMarkerOwnership(ObjectStorage storage, DatabaseOwner self, Clock clock) {
        this.storage = storage;
        this.self = self;
        this.clock = clock;
    }

    @Override
    public DatabaseOwner self() {
        return self;
    }

    @Override
    public synchronized OwnershipClaim acquire(String bucket, String databaseName) {
        String id = bucket + "/" + databaseName;
        Held mine = held.get(id);
        if (mine != null) {
            return OwnershipClaim.granted(mine.lease());
        }
        String key = StorageLayout.servingMarkerKey(DatabaseName.of(databaseName));
        Instant now = clock.instant();
        Optional<Marker> found = read(bucket, key);
        if (found.isPresent() && !found.get().owner().equals(self) && isFresh(found.get(), now)) {
            return OwnershipClaim.heldBy(found.get().owner());
        }
        long generation = found.map(m -> m.generation() + 1).orElse(1L);
        try {
            write(bucket, key, new Marker(self, generation, now));
        } catch (ServiceException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            // no bucket, so no database stored and none served: the first heartbeat writes the marker
            OwnershipLease lease = new OwnershipLease(bucket, databaseName, generation, self);
            held.put(id, new Held(lease, now));
            return OwnershipClaim.granted(lease);
        }
        Optional<Marker> after = read(bucket, key);
        if (after.isPresent() && !after.get().owner().equals(self)) {
            return OwnershipClaim.heldBy(after.get().owner());
        }
        OwnershipLease lease = new OwnershipLease(bucket, databaseName, generation, self);
        held.put(id, new Held(lease, now));
        return OwnershipClaim.granted(lease);
    }

    /** This instance from memory while it holds the lease; else the instance a fresh marker names, if any. */
    @Override
    public Optional<DatabaseOwner> holder(String bucket, String databaseName) {
        if (held.containsKey(bucket + "/" + databaseName)) {
            return Optional.of(self);
        }
        Optional<Marker> found = read(bucket, StorageLayout.servingMarkerKey(DatabaseName.of(databaseName)));
        return found.filter(marker -> isFresh(marker, clock.instant())).map(Marker::owner);
    }

    /** Leaves a marker whose heartbeat is the epoch: it blocks nobody and keeps the generation growing. */
    @Override
    public synchronized void release(OwnershipLease lease) {
        String id = lease.bucket() + "/" + lease.databaseName();
        Held mine = held.get(id);
        if (mine == null || !mine.lease().equals(lease)) {
            return;
        }
        held.remove(id);
        String key = StorageLayout.servingMarkerKey(DatabaseName.of(lease.databaseName()));
        try {
            if (read(lease.bucket(), key).map(m -> m.owner().equals(self)).orElse(false)) {
                write(lease.bucket(), key, new Marker(self, lease.generation(), Instant.EPOCH));
            }
        } catch (ServiceException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Could not mark as released the serving marker of {0}; it goes stale in {1}s: {2}", id,
                    STALE_AFTER.toSeconds(), e.getMessage());
        }
    }

    @Override
    public void onLost(Consumer<OwnershipLease> listener) {
        this.listener = listener;
    }

    /**
     * Refreshes the marker of every database held. A lease whose marker names another instance now, or which
     * could not be refreshed for {@link #STALE_AFTER} and cannot be now (another instance may have taken it over), is
     * lost; an overdue one whose marker is found unchanged is refreshed and kept.
     */
    public void heartbeat() {
        List<OwnershipLease> lost = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (Held mine : List.copyOf(held.values())) {
                OwnershipLease lease = mine.lease();
                String id = lease.bucket() + "/" + lease.databaseName();
                boolean overdue = !now.isBefore(mine.refreshed().plus(STALE_AFTER));
                String key = StorageLayout.servingMarkerKey(DatabaseName.of(lease.databaseName()));
                try {
                    // An overdue marker that still names this instance and generation was taken over by nobody
                    // (a taker writes its own marker first): storage was unreachable for everyone, keep serving.
                    Optional<Marker> found = read(lease.bucket(), key);
                    if (found.isPresent() && (!found.get().owner().equals(self)
                            || overdue && found.get().generation() != lease.generation())) {
                        held.remove(id);
                        lost.add(lease);
                        continue;
                    }
                    write(lease.bucket(), key, new Marker(self, lease.generation(), now));
                    held.put(id, new Held(lease, now));
                    if (overdue) {
                        LOG.log(Level.WARNING, "Refreshed the serving marker of {0} after {1}s without storage; "
                                + "nobody took it over, still serving it", id,
                                Duration.between(mine.refreshed(), now).toSeconds());
                    }
                } catch (ServiceException | UncheckedIOException e) {
                    if (overdue) {
                        held.remove(id);
                        lost.add(lease);
                    } else {
                        LOG.log(Level.WARNING, "Could not refresh the serving marker of {0}; retrying: {1}", id,
                                e.getMessage());
                    }
                }
            }
        }
        lost.forEach(lease -> LOG.log(Level.ERROR, "Lost the serving marker of {0}/{1} (another instance took it over "
                + "or it could not be refreshed for {2}s and storage still does not answer)", lease.bucket(), lease.databaseName(), STALE_AFTER.toSeconds()));
        lost.forEach(listener);
    }

    private static boolean isFresh(Marker marker, Instant now) {
        return now.isBefore(marker.heartbeat().plus(STALE_AFTER));
    }

    private Optional<Marker> read(String bucket, String key) {
        return storage.get(bucket, key).map(bytes -> parse(new String(bytes, StandardCharsets.UTF_8)));
    }

    private void write(String bucket, String key, Marker marker) {
        String text = "instance_id=" + marker.owner().instanceId() + "\naddress=" + marker.owner().address()
                + "\ngeneration=" + marker.generation() + "\nheartbeat=" + marker.heartbeat() + "\n";
        storage.put(bucket, key, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A marker that cannot be read counts as stale (epoch heartbeat), so it never blocks a database for good. */
    private static Marker parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
            return new Marker(new DatabaseOwner(properties.getProperty("instance_id", "unknown"),
                    properties.getProperty("address", "unknown")),
                    Long.parseLong(properties.getProperty("generation", "0")),
                    Instant.parse(properties.getProperty("heartbeat", Instant.EPOCH.toString())));
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            return new Marker(new DatabaseOwner("unknown", "unknown"), 0, Instant.EPOCH);
        }
    }
}
