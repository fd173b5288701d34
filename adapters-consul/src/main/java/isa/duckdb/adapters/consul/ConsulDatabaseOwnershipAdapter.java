package isa.duckdb.adapters.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import isa.duckdb.application.port.out.DatabaseOwner;
import isa.duckdb.application.port.out.DatabaseOwnership;
import isa.duckdb.application.port.out.OwnershipClaim;
import isa.duckdb.application.port.out.OwnershipLease;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.SessionClient;
import org.kiwiproject.consul.model.kv.Value;
import org.kiwiproject.consul.model.session.ImmutableSession;

/**
 * {@link DatabaseOwnership} on Consul's sessions and KV locks (developer.hashicorp.com/consul/docs/automate/session):
 * one session per instance ({@code TTL}, {@code LockDelay}, {@code Behavior=release}), and per database a lock on
 * {@code duckdb-service/owners/{bucket}/{name}} whose value is {@code {"InstanceId": ..., "Address": "host:port"}}.
 * The generation is the key's {@code LockIndex}.
 *
 * <p>{@link #renew()} is to be called every {@code ttl / 2} (bootstrap schedules it). When Consul answers that the
 * session is gone (404), or the session could not be renewed for a whole TTL (Consul may invalidate it from then
 * on), every lease is lost: the listener is told and a new session is made for later acquisitions.
 */
public final class ConsulDatabaseOwnershipAdapter implements DatabaseOwnership, AutoCloseable {
    /** The KV prefix of the owner keys. */
    public static final String KEY_PREFIX = "duckdb-service/owners/";
    private static final System.Logger LOG = System.getLogger(ConsulDatabaseOwnershipAdapter.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NOT_FOUND = 404;
    /** Consul answers 500 "invalid session" to an acquire with a session it invalidated meanwhile. */
    private static final int INVALID_SESSION = 500;

    private final String agent;
    private final Consul consul;
    private final SessionClient sessions;
    private final KeyValueClient kv;
    private final DatabaseOwner self;
    private final Duration ttl;
    private final Duration lockDelay;
    private final Clock clock;
    private final Map<String, OwnershipLease> held = new ConcurrentHashMap<>();
    private volatile Consumer<OwnershipLease> listener = lease -> { };
    private String sessionId;
    private Instant lastRenewed;

    /**
     * @param ttl the session's TTL (Consul: 10s to 24h); renew every half of it
     * @param lockDelay how long Consul keeps a lost lease's key from being taken (0 to 60s)
     */
    public ConsulDatabaseOwnershipAdapter(String host, int port, DatabaseOwner self, Duration ttl, Duration lockDelay,
            ConsulCallSettings settings, Clock clock) {
        this.agent = host + ":" + port;
        this.self = Objects.requireNonNull(self, "self");
        this.ttl = ttl;
        this.lockDelay = lockDelay;
        this.clock = clock;
        this.consul = settings.client(agent);
        this.sessions = consul.sessionClient();
        this.kv = consul.keyValueClient();
    }

    /** The KV key of a database's owner record. */
    public static String key(String bucket, String databaseName) {
        return KEY_PREFIX + bucket + "/" + databaseName;
    }

    @Override
    public DatabaseOwner self() {
        return self;
    }

    @Override
    public synchronized OwnershipClaim acquire(String bucket, String databaseName) {
        try {
            return tryAcquire(bucket, databaseName);
        } catch (ConsulException e) {
            if (!e.hasCode() || e.getCode() != INVALID_SESSION || sessionId == null) {
                throw unavailable("take the owner lock of " + bucket + "/" + databaseName, e);
            }
        }
        List<OwnershipLease> lost = renewOrLose();
        if (!lost.isEmpty()) {
            // told on another thread: the listener closes databases, which may wait for calls that acquire here
            CompletableFuture.runAsync(() -> lost.forEach(listener));
        }
        try {
            return tryAcquire(bucket, databaseName);
        } catch (ConsulException e) {
            throw unavailable("take the owner lock of " + bucket + "/" + databaseName, e);
        }
    }

    private OwnershipClaim tryAcquire(String bucket, String databaseName) {
        String key = key(bucket, databaseName);
        String session = session();
        if (kv.acquireLock(key, ownerRecord(), session)) {
            Value value = kv.getValue(key).orElseThrow(() -> new ConsulException("owner key vanished: " + key));
            OwnershipLease lease = new OwnershipLease(bucket, databaseName, value.getLockIndex(), self);
            held.put(key, lease);
            return OwnershipClaim.granted(lease);
        }
        Optional<Value> value = kv.getValue(key);
        if (value.isPresent() && value.get().getSession().isPresent()) {
            return OwnershipClaim.heldBy(owner(value.get()));
        }
        return OwnershipClaim.notYet();
    }

    /**
     * This instance from memory while it holds the lease; else one KV read of the owner key: its owner record when
     * a session holds the lock (Consul keeps the value after a release, without a session).
     */
    @Override
    public Optional<DatabaseOwner> holder(String bucket, String databaseName) {
        String key = key(bucket, databaseName);
        if (held.containsKey(key)) {
            return Optional.of(self);
        }
        try {
            return kv.getValue(key).filter(value -> value.getSession().isPresent())
                    .map(ConsulDatabaseOwnershipAdapter::owner);
        } catch (ConsulException e) {
            throw unavailable("read the owner of " + bucket + "/" + databaseName, e);
        }
    }

    @Override
    public synchronized void release(OwnershipLease lease) {
        String key = key(lease.bucket(), lease.databaseName());
        if (!lease.equals(held.get(key)) || sessionId == null) {
            return;
        }
        held.remove(key);
        try {
            kv.releaseLock(key, sessionId);
        } catch (ConsulException e) {
            LOG.log(Level.WARNING, "Could not release the owner lock of {0}/{1} at the Consul agent at {2}; it ends "
                    + "with this instance''s session: {3}", lease.bucket(), lease.databaseName(), agent, e.getMessage());
        }
    }

    @Override
    public void onLost(Consumer<OwnershipLease> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Renews the session. Consul's 404 (the session was invalidated) or a TTL without a successful renewal loses
     * every lease; other failures are logged and retried at the next call.
     */
    public void renew() {
        renewOrLose().forEach(listener);
    }

    /** @return the leases lost (the session is then forgotten); empty while it lives or may still live */
    private synchronized List<OwnershipLease> renewOrLose() {
        if (sessionId == null) {
            return List.of();
        }
        try {
            sessions.renewSession(sessionId);
            lastRenewed = clock.instant();
            return List.of();
        } catch (ConsulException e) {
            boolean gone = e.hasCode() && e.getCode() == NOT_FOUND;
            boolean tooLate = !clock.instant().isBefore(lastRenewed.plus(ttl));
            if (!gone && !tooLate) {
                LOG.log(Level.WARNING, "Could not renew the ownership session at the Consul agent at {0}; "
                        + "retrying: {1}", agent, e.getMessage());
                return List.of();
            }
            LOG.log(Level.ERROR, "The ownership session at the Consul agent at {0} {1}; this instance stops "
                    + "serving the {2} database(s) it owned", agent,
                    gone ? "was invalidated" : "could not be renewed for " + ttl.toSeconds() + "s", held.size());
            List<OwnershipLease> lost = List.copyOf(held.values());
            held.clear();
            sessionId = null;
            return lost;
        }
    }

    /** Gives up every lease and the session. */
    @Override
    public synchronized void close() {
        try {
            if (sessionId != null) {
                for (String key : held.keySet()) {
                    kv.releaseLock(key, sessionId);
                }
                sessions.destroySession(sessionId);
            }
        } catch (ConsulException e) {
            LOG.log(Level.WARNING, "Could not end the ownership session at the Consul agent at {0}: {1}", agent,
                    e.getMessage());
        } finally {
            held.clear();
            sessionId = null;
            consul.destroy();
        }
    }

    /** The session this instance holds its leases with now; null before the first acquisition and after a loss. */
    synchronized String sessionId() {
        return sessionId;
    }

    private String session() {
        if (sessionId == null) {
            sessionId = sessions.createSession(ImmutableSession.builder()
                    .name("duckdb-service owner " + self.instanceId())
                    .ttl(ttl.toSeconds() + "s")
                    .lockDelay(lockDelay.toMillis() + "ms")
                    .behavior("release")
                    .build()).getId();
            lastRenewed = clock.instant();
        }
        return sessionId;
    }

    private String ownerRecord() {
        return JSON.createObjectNode().put("InstanceId", self.instanceId()).put("Address", self.address()).toString();
    }

    private static DatabaseOwner owner(Value value) {
        String text = value.getValueAsString().orElse("");
        try {
            JsonNode record = JSON.readTree(text.isEmpty() ? "{}" : text);
            return new DatabaseOwner(record.path("InstanceId").asText("unknown"), record.path("Address").asText("unknown"));
        } catch (IOException e) {
            return new DatabaseOwner("unknown", "unknown");
        }
    }

    private ServiceException unavailable(String what, ConsulException e) {
        String reason = e.hasCode() ? "HTTP " + e.getCode() : e.getClass().getSimpleName();
        return new ServiceException(ErrorKind.UNAVAILABLE,
                "could not " + what + " at the Consul agent at " + agent + " (" + reason + "); retry shortly", e);
    }
}
