package isa.duckdb.adapters.minio;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 HTTP server on loopback (S3Proxy with its filesystem backend), for tests without
 * Docker. It can be stopped and started again on the same port and folder, to play an outage.
 */
public final class LocalS3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key-0123456789";

    private final Path directory;
    private final int port;
    private BlobStoreContext context;
    private S3Proxy proxy;

    private LocalS3Server(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static LocalS3Server start(Path directory) {
        LocalS3Server server = new LocalS3Server(directory, freePort());
        server.startAgain();
        return server;
    }

    /** {@code host:port}, as ISA_CLOUD_STORAGE_MINIO_ENDPOINT takes it. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    public synchronized void startAgain() {
        try {
            Files.createDirectories(directory);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", directory.toString());
            context = ContextBuilder.newBuilder("filesystem")
                    .credentials("identity", "credential")
                    .overrides(properties)
                    .build(BlobStoreContext.class);
            proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start");
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start the local S3 server", e);
        }
    }

    public synchronized void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the local S3 server", e);
        } finally {
            if (context != null) {
                context.close();
            }
            proxy = null;
            context = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
