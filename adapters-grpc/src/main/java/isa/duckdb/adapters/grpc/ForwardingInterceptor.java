package isa.duckdb.adapters.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import isa.duckdb.api.CancelQueryRequest;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.application.port.in.LocateDatabaseUseCase;
import isa.duckdb.application.port.in.ServingInstance;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.Principal;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any instance answers any call (issue 13): a DuckDBService call naming a database ({@link DatabaseTarget}) is
 * held until its first request message, the application is asked which other instance serves that database now
 * ({@link LocateDatabaseUseCase}), and the call is either served here (the first message handed on as it came) or
 * forwarded whole to that instance ({@link CallProxy}). A forwarded call carries {@link #FORWARDED_BY} and is never
 * forwarded again: an instance it reaches that does not own the database (the owner changed on the way) serves or
 * refuses it as any call. Runs after {@link AuthInterceptor}: a call is authenticated here, and again by the owner.
 *
 * <p>A forwarded call keeps its id ({@link #FORWARDED_CALL_ID}): the owner runs, lists and logs it under the id the
 * caller got, so CancelQuery works at the owner; a CancelQuery that reaches the forwarding instance while it forwards
 * that call is forwarded to the owner too, when its caller acts as the call's tenant or is an administrator (else,
 * and at a third instance, it is answered where it arrives: NOT_FOUND).
 */
public final class ForwardingInterceptor implements ServerInterceptor {
    /** Set on a forwarded call: the id of the instance that forwarded it. */
    public static final Metadata.Key<String> FORWARDED_BY = Metadata.Key.of("x-duckdb-forwarded-by",
            Metadata.ASCII_STRING_MARSHALLER);
    /**
     * Set on a forwarded call: its id at the instance that forwarded it ({@code isa-call-id}, 16 hex digits), which
     * the owner takes as its own (CallMetricsInterceptor).
     */
    public static final Metadata.Key<String> FORWARDED_CALL_ID = Metadata.Key.of("x-duckdb-forwarded-call-id",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final String CANCEL_QUERY = DuckDBServiceGrpc.getCancelQueryMethod().getFullMethodName();
    private static final Logger LOG = LoggerFactory.getLogger(ForwardingInterceptor.class);

    private final LocateDatabaseUseCase locator;
    private final OwnerChannels channels;
    /** The calls this instance forwards now, by call id: where CancelQuery for them goes. */
    private final Map<String, Forwarded> forwarding = new ConcurrentHashMap<>();

    @Inject
    public ForwardingInterceptor(LocateDatabaseUseCase locator, OwnerChannels channels) {
        this.locator = locator;
        this.channels = channels;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (!(DatabaseTarget.namedBy(method) || method.equals(CANCEL_QUERY)) || headers.containsKey(FORWARDED_BY)) {
            return next.startCall(call, headers);
        }
        return new HeldCall<>(call, headers, next);
    }

    /**
     * A call being forwarded: the instance serving it, the database it names (for error texts) and the tenant it acts
     * as (who may cancel it).
     */
    private record Forwarded(ServingInstance owner, String databaseRef, String tenant) {
    }

    /** A call waiting for its first message, then handed to the local handler or to the owner. */
    private final class HeldCall<Q, R> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, R> call;
        private final Metadata headers;
        private final ServerCallHandler<Q, R> next;
        private ServerCall.Listener<Q> delegate;
        private boolean ready;
        private String forwardedId;

        HeldCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            this.call = call;
            this.headers = headers;
            this.next = next;
            call.request(1);
        }

        @Override
        public void onMessage(Q message) {
            if (delegate != null) {
                delegate.onMessage(message);
                return;
            }
            delegate = route(message);
            if (ready) {
                delegate.onReady();
            }
        }

        @Override
        public void onHalfClose() {
            if (delegate == null) {
                delegate = next.startCall(new FirstMessageTaken<>(call, 0), headers);
            }
            delegate.onHalfClose();
        }

        @Override
        public void onCancel() {
            ended();
            if (delegate != null) {
                delegate.onCancel();
            }
        }

        @Override
        public void onComplete() {
            ended();
            if (delegate != null) {
                delegate.onComplete();
            }
        }

        private void ended() {
            if (forwardedId != null) {
                forwarding.remove(forwardedId);
            }
        }

        @Override
        public void onReady() {
            if (delegate != null) {
                delegate.onReady();
            } else {
                ready = true;
            }
        }

        private ServerCall.Listener<Q> route(Q first) {
            if (first instanceof CancelQueryRequest cancel) {
                Forwarded running = forwarding.get(cancel.getCallId());
                return running != null && mayCancel(cancel, running)
                        ? forward(first, running.owner(), running.databaseRef()) : serveHere(first);
            }
            Optional<DatabaseTarget> target = DatabaseTarget.of(first);
            Principal principal = Principals.KEY.get();
            if (target.isEmpty() || principal == null) {
                return serveHere(first);
            }
            Optional<ServingInstance> owner;
            String tenant;
            try {
                owner = locator.servedElsewhere(new Caller(principal, target.get().userId()),
                        target.get().databaseRef());
                tenant = owner.isPresent() ? principal.actAs(target.get().userId()).id() : null;
            } catch (RuntimeException e) {
                LOG.warn("Could not find the instance serving the database of a {} call; serving it here: {}",
                        call.getMethodDescriptor().getBareMethodName(), e.toString());
                return serveHere(first);
            }
            if (owner.isEmpty()) {
                return serveHere(first);
            }
            String callId = CallRecord.currentId();
            if (!callId.isEmpty()) {
                forwardedId = callId;
                forwarding.put(callId, new Forwarded(owner.get(), target.get().databaseRef(), tenant));
            }
            return forward(first, owner.get(), target.get().databaseRef());
        }

        /** Whether the CancelQuery's caller may cancel the call (the rule of QueryControlService, README). */
        private boolean mayCancel(CancelQueryRequest cancel, Forwarded running) {
            Principal principal = Principals.KEY.get();
            if (principal == null) {
                return false;
            }
            try {
                return principal.isAdmin() || principal.actAs(cancel.getUserId()).id().equals(running.tenant());
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** Proxies the call to {@code owner}; when that cannot even start, serves it here instead. */
        private ServerCall.Listener<Q> forward(Q first, ServingInstance owner, String databaseRef) {
            // Marked first: an owner that cannot be reached may end the call inside start().
            CallRecord.markForwarded(owner.instanceId());
            try {
                return CallProxy.start(call, headers, first, owner, databaseRef, channels.to(owner.address()),
                        locator.instanceId(), locator::unreachable);
            } catch (RuntimeException e) {
                CallRecord.markForwarded("");
                ended();
                forwardedId = null;
                LOG.warn("Could not forward a {} call to instance {}; serving it here: {}",
                        call.getMethodDescriptor().getBareMethodName(), owner.instanceId(), e.toString());
                return serveHere(first);
            }
        }

        private ServerCall.Listener<Q> serveHere(Q first) {
            ServerCall.Listener<Q> local = next.startCall(new FirstMessageTaken<>(call, 1), headers);
            local.onMessage(first);
            return local;
        }
    }

    /**
     * The call as the local handler sees it: the first message was requested and taken here already, so the
     * handler's first request for it is not passed on (else one message more than it asked for would come).
     */
    private static final class FirstMessageTaken<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final AtomicInteger taken;

        FirstMessageTaken(ServerCall<Q, R> call, int taken) {
            super(call);
            this.taken = new AtomicInteger(taken);
        }

        @Override
        public void request(int numMessages) {
            int skipped = taken.getAndUpdate(t -> Math.max(0, t - numMessages));
            int rest = numMessages - Math.min(skipped, numMessages);
            if (rest > 0) {
                super.request(rest);
            }
        }
    }
}
