package isa.duckdb.adapters.grpc;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The gRPC channels calls are forwarded on: one per owner address ({@code host:port}), made at the first call
 * there and kept (a channel without calls for {@link #IDLE_MINUTES} minutes drops its connection and reconnects
 * at the next call) until {@link #close()}.
 */
public final class OwnerChannels implements AutoCloseable {
    /** Minutes a channel without calls keeps its connection. */
    static final long IDLE_MINUTES = 5;
    /**
     * The largest message accepted from an owner: its own limits bound what it sends (4 MiB per message, Arrow
     * batches a few times that), this only keeps a broken peer from making this instance buffer without end.
     */
    static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final Function<String, ManagedChannel> open;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /** @param open makes the channel to an address ({@code host:port}) */
    public OwnerChannels(Function<String, ManagedChannel> open) {
        this.open = open;
    }

    /**
     * Channels through the registered transport (Netty in the service) with these credentials (plain text, or TLS
     * with the trust the service chose), callbacks on the transport's threads (they only hand messages on).
     */
    public static OwnerChannels over(ChannelCredentials credentials) {
        return new OwnerChannels(address -> Grpc.newChannelBuilder("dns:///" + address, credentials)
                .directExecutor()
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .idleTimeout(IDLE_MINUTES, TimeUnit.MINUTES)
                .build());
    }

    /** The channel to this address, made on first use. */
    Channel to(String address) {
        return channels.computeIfAbsent(address, open);
    }

    /** Shuts every channel down, cancelling calls still forwarded on them. */
    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels.values()) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        channels.clear();
    }
}
