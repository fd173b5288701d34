package isa.duckdb.cli;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import isa.duckdb.api.DuckDBServiceGrpc;
import java.io.File;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One channel to the service with the caller's identity: plaintext, or TLS trusting the given CA file; with a
 * token, every call carries {@code authorization: Bearer <token>}.
 */
final class Connection implements AutoCloseable {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** Up to 64 MiB per message: unary results the service caps at ~4 MiB, stream chunks at 4 MiB. */
    private static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private final ManagedChannel channel;
    private final Metadata headers = new Metadata();

    /**
     * @param endpoint {@code host:port}
     * @param token sent as a bearer token when not blank
     * @param tlsCa a PEM file of the CA to trust; null for plaintext
     */
    Connection(String endpoint, String token, File tlsCa) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(endpoint).maxInboundMessageSize(MAX_INBOUND_BYTES);
        if (tlsCa != null) {
            if (!tlsCa.canRead()) {
                throw new CliFailure("FILE", "cannot read the CA file " + tlsCa);
            }
            try {
                builder.sslContext(GrpcSslContexts.forClient().trustManager(tlsCa).build());
            } catch (SSLException | IllegalArgumentException e) {
                throw new CliFailure("FILE", "the CA file " + tlsCa + " is not a PEM certificate: " + e.getMessage());
            }
        } else {
            builder.usePlaintext();
        }
        this.channel = builder.build();
        if (token != null && !token.isBlank()) {
            headers.put(AUTHORIZATION, "Bearer " + token.trim());
        }
    }

    DuckDBServiceGrpc.DuckDBServiceBlockingStub blocking() {
        return DuckDBServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    DuckDBServiceGrpc.DuckDBServiceStub async() {
        return DuckDBServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
