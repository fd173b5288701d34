package isa.duckdb.adapters.consul;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import isa.duckdb.application.port.out.ServiceRegistration;
import isa.duckdb.application.port.out.ServiceRegistry;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.Objects;
import java.util.function.Supplier;
import org.kiwiproject.consul.AgentClient;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;

/**
 * {@link ServiceRegistry} on a Consul agent's HTTP API ({@code /v1/agent/service/register},
 * {@code /v1/agent/service/deregister/{id}}, {@code /v1/agent/services}). A call that fails on the
 * way (connection refused, timeout, HTTP 5xx) is retried a few times with exponential back-off;
 * what still fails is UNAVAILABLE. An agent that refuses a request (HTTP 4xx, e.g. an ACL) is
 * FAILED_PRECONDITION. Never pings at construction, so it can be built while the agent is down.
 */
public final class ConsulServiceRegistryAdapter implements ServiceRegistry, AutoCloseable {
    private static final int NOT_FOUND = 404;

    private final String agent;
    private final Consul consul;
    private final AgentClient agentClient;
    private final Retry retry;

    /** An agent at {@code host:port} with the production timeouts and retry. */
    public ConsulServiceRegistryAdapter(String host, int port) {
        this(host, port, ConsulCallSettings.defaults());
    }

    public ConsulServiceRegistryAdapter(String host, int port, ConsulCallSettings settings) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        this.agent = host + ":" + port;
        this.consul = settings.client(agent);
        this.agentClient = consul.agentClient();
        this.retry = Retry.of("consul-agent", RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.firstBackoff(), 2.0))
                .retryOnException(ConsulServiceRegistryAdapter::isTransient)
                .build());
    }

    @Override
    public void register(ServiceRegistration registration) {
        var body = ConsulRegistrations.toConsul(registration);
        call("register " + registration.id(), () -> {
            agentClient.register(body);
            return null;
        });
    }

    @Override
    public void deregister(String serviceId) {
        call("deregister " + serviceId, () -> {
            try {
                agentClient.deregister(serviceId);
            } catch (ConsulException e) {
                if (!e.hasCode() || e.getCode() != NOT_FOUND) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public boolean isRegistered(String serviceId) {
        return call("look up " + serviceId, () -> agentClient.isRegistered(serviceId));
    }

    @Override
    public void close() {
        consul.destroy();
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return retry.executeSupplier(request);
        } catch (ConsulException e) {
            throw translate(what, e);
        }
    }

    private ServiceException translate(String what, ConsulException e) {
        if (e.hasCode() && e.getCode() >= 400 && e.getCode() < 500) {
            return new ServiceException(ErrorKind.FAILED_PRECONDITION,
                    "Consul agent at " + agent + " refused to " + what + ": HTTP " + e.getCode(), e);
        }
        String reason = e.hasCode() ? "HTTP " + e.getCode() : rootCause(e);
        return new ServiceException(ErrorKind.UNAVAILABLE,
                "Consul agent at " + agent + " is unreachable (" + reason + ")", e);
    }

    private static boolean isTransient(Throwable failure) {
        if (!(failure instanceof ConsulException)) {
            return false;
        }
        ConsulException e = (ConsulException) failure;
        return !e.hasCode() || e.getCode() >= 500;
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
