package isa.duckdb.adapters.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a Consul agent's HTTP API that the adapters use, on a loopback port, with
 * every request recorded: {@code PUT /v1/agent/service/register}, {@code PUT
 * /v1/agent/service/deregister/{id}} (404 for an unknown id, as Consul answers), {@code GET
 * /v1/agent/services}, and sessions and the KV store as {@link FakeConsulKv} describes them (with
 * the agent's own clock, moved by {@link #advance}). Anything else is answered 404 and recorded as well.
 */
public final class FakeConsulAgent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "/v1/session/";
    private static final String KV = "/v1/kv/";
    private static final String DEREGISTER = "/v1/agent/service/deregister/";
    /** The node name the fake agent runs on, as sessions report it. */
    static final String NODE = "fake-consul-node";

    /** One request as the agent saw it. */
    public record Request(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final HttpServer server;
    private final Map<String, JsonNode> services = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();
    private final FakeConsulKv kv = new FakeConsulKv();
    private Runnable onDeregister = () -> { };

    private FakeConsulAgent(HttpServer server) {
        this.server = server;
    }

    /** An agent on a free loopback port. */
    public static FakeConsulAgent start() throws IOException {
        return start(0);
    }

    /** An agent on the given loopback port (0 picks one). */
    public static FakeConsulAgent start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        FakeConsulAgent agent = new FakeConsulAgent(server);
        server.createContext("/", agent::handle);
        server.start();
        return agent;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Bodies of every registration received, oldest first, parsed. */
    public synchronized List<JsonNode> registrations() {
        List<JsonNode> bodies = new ArrayList<>();
        for (Request request : requests) {
            if (request.method().equals("PUT") && request.path().equals("/v1/agent/service/register")) {
                bodies.add(parse(request.body()));
            }
        }
        return bodies;
    }

    public synchronized boolean knows(String serviceId) {
        return services.containsKey(serviceId);
    }

    /** Forgets every service, as a restarted agent does. */
    public synchronized void forgetAll() {
        services.clear();
    }

    /** The next {@code times} requests are answered with {@code status} and change nothing. */
    public synchronized void failNext(int times, int status) {
        for (int i = 0; i < times; i++) {
            failures.add(status);
        }
    }

    /** Moves the agent's clock: sessions whose TTL runs out meanwhile are invalidated, lock-delays pass. */
    public synchronized void advance(Duration duration) {
        kv.advance(duration);
    }

    /** Invalidates a session as Consul does when its TTL or one of its health checks fails. */
    public synchronized void invalidateSession(String sessionId) {
        kv.invalidate(sessionId);
    }

    /** Runs {@code action} when a deregistration arrives, before the agent handles and answers it. */
    public synchronized void onDeregister(Runnable action) {
        this.onDeregister = action;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Runnable hook = null;
            synchronized (this) {
                requests.add(new Request(method, path, body));
                if (method.equals("PUT") && path.startsWith(DEREGISTER)) {
                    hook = onDeregister;
                }
            }
            if (hook != null) {
                hook.run();
            }
            Response response = answer(method, path, query, raw);
            byte[] bytes = response.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", response.contentType);
            synchronized (this) {
                exchange.getResponseHeaders().add("X-Consul-Index", Long.toString(kv.index()));
            }
            exchange.getResponseHeaders().add("X-Consul-KnownLeader", "true");
            exchange.getResponseHeaders().add("X-Consul-LastContact", "0");
            exchange.sendResponseHeaders(response.status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private synchronized Response answer(String method, String path, Map<String, String> query, byte[] raw) {
        Integer failure = failures.poll();
        if (failure != null) {
            return Response.text(failure, "injected failure");
        }
        if (path.startsWith(SESSION)) {
            return Response.of(kv.session(method, path, raw));
        }
        if (path.startsWith(KV) && path.length() > KV.length()) {
            return Response.of(kv.kv(method, path.substring(KV.length()), query, raw));
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        if (method.equals("PUT") && path.equals("/v1/agent/service/register")) {
            JsonNode registration = parse(body);
            Optional<String> id = field(registration, "ID");
            if (id.isEmpty() || field(registration, "Name").isEmpty()) {
                return Response.text(400, "Invalid service registration");
            }
            services.put(id.get(), registration);
            return Response.text(200, "");
        }
        if (method.equals("PUT") && path.startsWith(DEREGISTER)) {
            String id = URLDecoder.decode(path.substring(DEREGISTER.length()), StandardCharsets.UTF_8);
            if (services.remove(id) == null) {
                return Response.text(404, "Unknown service ID \"" + id + "\"");
            }
            return Response.text(200, "");
        }
        if (method.equals("GET") && path.equals("/v1/agent/services")) {
            ObjectNode all = JSON.createObjectNode();
            services.forEach((id, registration) -> all.set(id, asAgentService(id, registration)));
            return new Response(200, "application/json", all.toString());
        }
        return Response.text(404, "no such endpoint in the fake agent");
    }

    /** The shape {@code GET /v1/agent/services} gives each service. */
    private static ObjectNode asAgentService(String id, JsonNode registration) {
        ObjectNode service = JSON.createObjectNode();
        service.put("ID", id);
        service.put("Service", field(registration, "Name").orElse(""));
        service.set("Tags", registration.has("Tags") ? registration.get("Tags") : JSON.createArrayNode());
        service.set("Meta", registration.has("Meta") ? registration.get("Meta") : JSON.createObjectNode());
        service.put("Port", registration.path("Port").asInt(0));
        service.put("Address", field(registration, "Address").orElse(""));
        service.put("EnableTagOverride", false);
        service.putObject("Weights").put("Passing", 1).put("Warning", 1);
        service.put("Datacenter", "dc1");
        return service;
    }

    /** Consul reads the registration's keys case-insensitively, as Go's JSON decoder does. */
    private static Optional<String> field(JsonNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name) && entry.getValue().isTextual()) {
                return Optional.of(entry.getValue().asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("unparseable", body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private record Response(int status, String contentType, String body) {
        static Response text(int status, String body) {
            return new Response(status, "text/plain; charset=utf-8", body);
        }

        static Response of(FakeConsulKv.Answer answer) {
            boolean json = answer.status() == 200;
            return new Response(answer.status(), json ? "application/json" : "text/plain; charset=utf-8",
                    answer.body());
        }
    }
}
