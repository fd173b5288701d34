package isa.duckdb.adapters.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consul's sessions and KV store as its HTTP API documents them (developer.hashicorp.com/consul/api-docs/session,
 * /api-docs/kv, /docs/automate/session), for {@link FakeConsulAgent}. Time is the agent's own, moved by the test:
 * <ul>
 *   <li>{@code PUT /v1/session/create}: {@code TTL} 10s..86400s or none, {@code LockDelay} 0..60s (default 15s),
 *       {@code Behavior} {@code release} (default) or {@code delete}; answers {@code {"ID": ...}}.</li>
 *   <li>{@code PUT /v1/session/renew/{id}}: the session in a one-element list; 404 once it is invalidated.</li>
 *   <li>{@code PUT /v1/session/destroy/{id}}: {@code true}, also for an unknown id; invalidates the session.</li>
 *   <li>{@code GET /v1/session/info/{id}}: a one-element list, an empty list when unknown.</li>
 *   <li>A session with a TTL not renewed is invalidated after 2×TTL: Consul promises only "not before TTL" and
 *       its servers wait twice the TTL; this fake takes the latest moment Consul may.</li>
 *   <li>Invalidation releases (or, with {@code delete}, deletes) every key the session holds and blocks their
 *       acquisition by any session for its lock-delay. A {@code ?release=} does not start a lock-delay.</li>
 *   <li>{@code GET /v1/kv/{key}}: 404 when absent, else {@code [{LockIndex, Key, Flags, Value (base64 or null),
 *       Session (only when locked), CreateIndex, ModifyIndex}]}.</li>
 *   <li>{@code PUT /v1/kv/{key}} with the raw value as body; {@code ?flags=}; {@code ?cas=0} writes only an absent
 *       key, {@code ?cas=N} only when ModifyIndex is N; {@code ?acquire=S} takes the lock (false when another
 *       session holds it or a lock-delay runs; LockIndex + 1 for a new holder, unchanged on re-acquire by S;
 *       HTTP 500 for an unknown session); {@code ?release=S} gives it up (false unless S holds it). acquire wins
 *       over cas, release over both, as in Consul's handler. Answers {@code true} or {@code false}.</li>
 *   <li>{@code DELETE /v1/kv/{key}} ({@code ?cas=N} honoured): {@code true} / {@code false}.</li>
 * </ul>
 * Every write takes the next index from one counter, as Consul's Raft index does.
 */
final class FakeConsulKv {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_LOCK_DELAY = Duration.ofSeconds(15);
    private static final Duration MAX_LOCK_DELAY = Duration.ofSeconds(60);
    private static final Duration MIN_TTL = Duration.ofSeconds(10);
    private static final Duration MAX_TTL = Duration.ofHours(24);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

    record Answer(int status, String body) {
    }

    private record Session(String id, String name, Duration ttl, Duration lockDelay, String behavior,
            long createIndex, Instant renewedAt) {
        Session renewed(Instant at) {
            return new Session(id, name, ttl, lockDelay, behavior, createIndex, at);
        }
    }

    private record Entry(String key, byte[] value, long flags, String session, long lockIndex, long createIndex,
            long modifyIndex) {
    }

    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<String, Entry> kv = new LinkedHashMap<>();
    private final Map<String, Instant> lockDelays = new HashMap<>();
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private long index = 1;

    void advance(Duration duration) {
        now = now.plus(duration);
        expireSessions();
    }

    long index() {
        return index;
    }

    /** Invalidates the session as Consul does when its TTL or a check fails. */
    void invalidate(String sessionId) {
        Session session = sessions.remove(sessionId);
        if (session == null) {
            return;
        }
        index++;
        for (Entry entry : List.copyOf(kv.values())) {
            if (sessionId.equals(entry.session())) {
                if (session.behavior().equals("delete")) {
                    kv.remove(entry.key());
                } else {
                    kv.put(entry.key(), new Entry(entry.key(), entry.value(), entry.flags(), null, entry.lockIndex(),
                            entry.createIndex(), index));
                }
                if (!session.lockDelay().isZero()) {
                    lockDelays.put(entry.key(), now.plus(session.lockDelay()));
                }
            }
        }
    }

    Answer session(String method, String path, byte[] body) {
        expireSessions();
        if (method.equals("PUT") && path.equals("/v1/session/create")) {
            return create(body);
        }
        String[] parts = path.split("/", 5);
        if (parts.length < 5) {
            return new Answer(404, "no such endpoint in the fake agent");
        }
        String id = parts[4];
        return switch (method + " " + parts[3]) {
            case "PUT renew" -> sessions.containsKey(id) ? renew(id)
                    : new Answer(404, "Session id '" + id + "' not found");
            case "PUT destroy" -> {
                invalidate(id);
                yield new Answer(200, "true");
            }
            case "GET info" -> new Answer(200, sessions.containsKey(id)
                    ? JSON.createArrayNode().add(view(sessions.get(id))).toString() : "[]");
            default -> new Answer(405, "method not allowed");
        };
    }

    Answer kv(String method, String key, Map<String, String> query, byte[] body) {
        expireSessions();
        return switch (method) {
            case "GET" -> get(key);
            case "PUT" -> put(key, query, body);
            case "DELETE" -> delete(key, query);
            default -> new Answer(405, "method not allowed");
        };
    }

    private Answer create(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body.length == 0 ? "{}".getBytes() : body);
        } catch (IOException e) {
            return new Answer(400, "Request decode failed: " + e.getMessage());
        }
        Duration ttl = Duration.ZERO;
        Duration lockDelay = DEFAULT_LOCK_DELAY;
        String behavior = "release";
        String name = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String value = field.getValue().asText();
            switch (field.getKey().toLowerCase()) {
                case "ttl" -> ttl = value.isEmpty() ? Duration.ZERO : parseDuration(value);
                case "lockdelay" -> lockDelay = field.getValue().isNumber() ? numericLockDelay(field.getValue().asLong())
                        : parseDuration(value);
                case "behavior" -> behavior = value;
                case "name" -> name = value;
                default -> { }
            }
        }
        if (ttl == null || (!ttl.isZero() && (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0))) {
            return new Answer(400, "Invalid Session TTL '" + request.path("TTL").asText()
                    + "', must be between [10s=24h0m0s]");
        }
        if (lockDelay == null || lockDelay.compareTo(MAX_LOCK_DELAY) > 0) {
            lockDelay = MAX_LOCK_DELAY;
        }
        if (!behavior.equals("release") && !behavior.equals("delete")) {
            return new Answer(400, "Invalid Behavior setting '" + behavior + "'");
        }
        String id = UUID.randomUUID().toString();
        index++;
        sessions.put(id, new Session(id, name, ttl, lockDelay, behavior, index, now));
        return new Answer(200, JSON.createObjectNode().put("ID", id).toString());
    }

    /** Consul reads a bare number below 1000 as seconds, otherwise as nanoseconds (its FixupLockDelay). */
    private static Duration numericLockDelay(long number) {
        return number < 1000 ? Duration.ofSeconds(number) : Duration.ofNanos(number);
    }

    private Answer renew(String id) {
        Session renewed = sessions.get(id).renewed(now);
        sessions.put(id, renewed);
        return new Answer(200, JSON.createArrayNode().add(view(renewed)).toString());
    }

    private Answer get(String key) {
        Entry entry = kv.get(key);
        if (entry == null) {
            return new Answer(404, "");
        }
        ObjectNode view = JSON.createObjectNode();
        view.put("LockIndex", entry.lockIndex());
        view.put("Key", entry.key());
        view.put("Flags", entry.flags());
        if (entry.value() == null) {
            view.putNull("Value");
        } else {
            view.put("Value", Base64.getEncoder().encodeToString(entry.value()));
        }
        if (entry.session() != null) {
            view.put("Session", entry.session());
        }
        view.put("CreateIndex", entry.createIndex());
        view.put("ModifyIndex", entry.modifyIndex());
        return new Answer(200, JSON.createArrayNode().add(view).toString());
    }

    private Answer put(String key, Map<String, String> query, byte[] body) {
        Entry existing = kv.get(key);
        byte[] value = body.length == 0 ? null : body;
        long flags = query.containsKey("flags") ? Long.parseLong(query.get("flags"))
                : existing == null ? 0 : existing.flags();
        if (query.containsKey("release")) {
            String session = query.get("release");
            if (existing == null || !session.equals(existing.session())) {
                return new Answer(200, "false");
            }
            return write(key, value, flags, null, existing.lockIndex(), existing);
        }
        if (query.containsKey("acquire")) {
            String session = query.get("acquire");
            if (!sessions.containsKey(session)) {
                return new Answer(500, "invalid session \"" + session + "\"");
            }
            Instant delayedUntil = lockDelays.get(key);
            if (delayedUntil != null && now.isBefore(delayedUntil)) {
                return new Answer(200, "false");
            }
            if (existing != null && existing.session() != null && !existing.session().equals(session)) {
                return new Answer(200, "false");
            }
            boolean sameHolder = existing != null && session.equals(existing.session());
            long lockIndex = existing == null ? 1 : sameHolder ? existing.lockIndex() : existing.lockIndex() + 1;
            return write(key, value, flags, session, lockIndex, existing);
        }
        if (query.containsKey("cas") && !casHolds(existing, Long.parseLong(query.get("cas")))) {
            return new Answer(200, "false");
        }
        return write(key, value, flags, existing == null ? null : existing.session(),
                existing == null ? 0 : existing.lockIndex(), existing);
    }

    private Answer delete(String key, Map<String, String> query) {
        Entry existing = kv.get(key);
        if (query.containsKey("cas") && !casHolds(existing, Long.parseLong(query.get("cas")))) {
            return new Answer(200, "false");
        }
        if (existing != null) {
            index++;
            kv.remove(key);
        }
        return new Answer(200, "true");
    }

    private static boolean casHolds(Entry existing, long cas) {
        return cas == 0 ? existing == null : existing != null && existing.modifyIndex() == cas;
    }

    private Answer write(String key, byte[] value, long flags, String session, long lockIndex, Entry existing) {
        index++;
        kv.put(key, new Entry(key, value, flags, session, lockIndex, existing == null ? index : existing.createIndex(),
                index));
        return new Answer(200, "true");
    }

    private void expireSessions() {
        for (Session session : List.copyOf(sessions.values())) {
            if (!session.ttl().isZero() && !now.isBefore(session.renewedAt().plus(session.ttl().multipliedBy(2)))) {
                invalidate(session.id());
            }
        }
    }

    private static ObjectNode view(Session session) {
        ObjectNode view = JSON.createObjectNode();
        view.put("ID", session.id());
        view.put("Name", session.name());
        view.put("Node", FakeConsulAgent.NODE);
        view.put("LockDelay", session.lockDelay().toNanos());
        view.put("Behavior", session.behavior());
        view.put("TTL", session.ttl().isZero() ? "" : session.ttl().toSeconds() + "s");
        ArrayNode checks = view.putArray("NodeChecks");
        checks.add("serfHealth");
        view.putNull("ServiceChecks");
        view.put("CreateIndex", session.createIndex());
        view.put("ModifyIndex", session.createIndex());
        return view;
    }

    /** Go's duration syntax as Consul reads it ({@code 15s}, {@code 1.5s}, {@code 500ms}, {@code 1m30s}); null when unreadable. */
    static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text);
        long nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "ns" -> 1L;
                case "us" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += (long) (amount * unit);
            end = matcher.end();
        }
        return end == text.length() && end > 0 ? Duration.ofNanos(nanos) : text.equals("0") ? Duration.ZERO : null;
    }
}
