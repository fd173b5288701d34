package isa.duckdb.adapters.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import isa.duckdb.application.port.in.ServingInstance;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.List;
import java.util.function.Consumer;

/**
 * One call forwarded to the instance that owns its database: the same method, the caller's metadata (with
 * {@link ForwardingInterceptor#FORWARDED_BY} added) and deadline; messages are piped both ways under flow
 * control (a message is asked from one side only when the other can take it, so a slow reader slows the owner
 * and nothing piles up here); the caller's cancellation cancels the forwarded call; the owner's headers, status
 * and trailers are the caller's. An owner that cannot be reached ends the call with status UNAVAILABLE naming it.
 *
 * <p>Threads: the caller's side ({@link FromCaller}) runs on the server's serialized call executor and alone calls
 * the client call's send/halfClose/cancel; the owner's side ({@link FromOwner}) runs on the channel's transport
 * thread and alone calls the server call's send/close. {@code request} and {@code isReady} are thread-safe in gRPC.
 */
final class CallProxy<Q, R> {
    /** Headers of the transport or of gRPC itself, which the forwarded call sets on its own. */
    private static final List<String> NOT_FORWARDED = List.of("content-type", "user-agent", "te", "host",
            "grpc-timeout", "grpc-encoding", "grpc-accept-encoding", ForwardingInterceptor.FORWARDED_BY.name(),
            ForwardingInterceptor.FORWARDED_CALL_ID.name());

    private final ServerCall<Q, R> serverCall;
    private final ClientCall<Q, R> clientCall;
    private final ServingInstance owner;
    private final String databaseRef;
    private final Consumer<ServingInstance> unreachable;
    private final Object flow = new Object();
    private boolean requestWanted;
    private boolean responseWanted;
    private volatile boolean ownerAnswered;

    private CallProxy(ServerCall<Q, R> serverCall, ClientCall<Q, R> clientCall, ServingInstance owner,
            String databaseRef, Consumer<ServingInstance> unreachable) {
        this.unreachable = unreachable;
        this.serverCall = serverCall;
        this.clientCall = clientCall;
        this.owner = owner;
        this.databaseRef = databaseRef;
    }

    /**
     * Starts the forwarded call with the caller's first message; call in the server call's context (its deadline).
     *
     * @param unreachable told when the owner could not be reached (on the channel's thread)
     * @return the listener to hand the caller's further events to
     */
    static <Q, R> ServerCall.Listener<Q> start(ServerCall<Q, R> serverCall, Metadata headers, Q first,
            ServingInstance owner, String databaseRef, Channel channel, String selfId,
            Consumer<ServingInstance> unreachable) {
        CallOptions options = CallOptions.DEFAULT;
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null) {
            options = options.withDeadline(deadline);
        }
        ClientCall<Q, R> clientCall = channel.newCall(serverCall.getMethodDescriptor(), options);
        CallProxy<Q, R> proxy = new CallProxy<>(serverCall, clientCall, owner, databaseRef, unreachable);
        clientCall.start(proxy.new FromOwner(), forwarded(headers, selfId));
        clientCall.request(1);
        clientCall.sendMessage(first);
        proxy.requestFromCaller();
        return proxy.new FromCaller();
    }

    private static Metadata forwarded(Metadata headers, String selfId) {
        Metadata copy = new Metadata();
        copy.merge(headers);
        for (String name : NOT_FORWARDED) {
            copy.discardAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        }
        copy.put(ForwardingInterceptor.FORWARDED_BY, selfId);
        String callId = CallRecord.currentId();
        if (!callId.isEmpty()) {
            copy.put(ForwardingInterceptor.FORWARDED_CALL_ID, callId);
        }
        return copy;
    }

    /** Asks the caller for its next message once the owner can take it. */
    private void requestFromCaller() {
        synchronized (flow) {
            if (clientCall.isReady()) {
                serverCall.request(1);
            } else {
                requestWanted = true;
            }
        }
    }

    /** The caller's events, handed to the owner. */
    private final class FromCaller extends ServerCall.Listener<Q> {
        @Override
        public void onMessage(Q message) {
            clientCall.sendMessage(message);
            requestFromCaller();
        }

        @Override
        public void onHalfClose() {
            clientCall.halfClose();
        }

        @Override
        public void onCancel() {
            clientCall.cancel("the caller cancelled the call", null);
        }

        /** The caller can take more: ask the owner for the response held back. */
        @Override
        public void onReady() {
            synchronized (flow) {
                if (responseWanted) {
                    responseWanted = false;
                    clientCall.request(1);
                }
            }
        }
    }

    /** The owner's answers, handed to the caller. */
    private final class FromOwner extends ClientCall.Listener<R> {
        @Override
        public void onHeaders(Metadata headers) {
            ownerAnswered = true;
            serverCall.sendHeaders(headers);
        }

        @Override
        public void onMessage(R message) {
            serverCall.sendMessage(message);
            synchronized (flow) {
                if (serverCall.isReady()) {
                    clientCall.request(1);
                } else {
                    responseWanted = true;
                }
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            boolean lost = unreachable(status);
            if (lost) {
                unreachable.accept(owner);
            }
            try {
                serverCall.close(lost ? ownerUnreachable(status) : status, trailers);
            } catch (IllegalStateException e) {
                // the caller's call ended already (cancelled): nobody to tell
            }
        }

        /** The owner can take more: ask the caller for the message held back. */
        @Override
        public void onReady() {
            synchronized (flow) {
                if (requestWanted) {
                    requestWanted = false;
                    serverCall.request(1);
                }
            }
        }

        /**
         * UNAVAILABLE naming the owner, with an incident id whose WARN line ({@link Failures}) carries the transport's
         * failure; the caller's text has only gRPC's description of it (the cause's own text, e.g. of a TLS
         * handshake, may name certificates and internal addresses).
         */
        private Status ownerUnreachable(Status status) {
            String reason = status.getDescription() != null ? status.getDescription() : status.getCode().name();
            ServiceException failure = Failures.normalize(new ServiceException(ErrorKind.UNAVAILABLE, "database '"
                    + databaseRef + "' is served by instance " + owner.instanceId() + " at " + owner.address()
                    + ", which could not be reached (" + reason + "); retry shortly", status.asRuntimeException()));
            return Status.UNAVAILABLE.withDescription(failure.getMessage());
        }

        private boolean unreachable(Status status) {
            return !ownerAnswered && status.getCode() == Status.Code.UNAVAILABLE;
        }
    }
}
