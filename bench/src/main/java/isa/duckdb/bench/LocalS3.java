package isa.duckdb.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 server on loopback in this JVM: S3Proxy over its filesystem backend (objects are files
 * under a folder), signing with AWS V2 or V4 and fixed keys. Stands in for MinIO/S3.
 */
final class LocalS3 implements AutoCloseable {
    static final String ACCESS_KEY = "bench-access-key";
    static final String SECRET_KEY = "bench-secret-key-0123456789";

    private final int port;
    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private LocalS3(int port, BlobStoreContext context, S3Proxy proxy) {
        this.port = port;
        this.context = context;
        this.proxy = proxy;
    }

    /** Starts serving the objects under {@code directory} on a free port of 127.0.0.1. */
    /** The service's environment variables that point it at this server. */
    static Map<String, String> environment(LocalS3 s3) {
        return Map.of(
                "ISA_CLOUD_STORAGE_MINIO_ENDPOINT", s3.endpoint(),
                "ISA_CLOUD_STORAGE_MINIO_ACCESS_KEY", ACCESS_KEY,
                "ISA_CLOUD_STORAGE_MINIO_SECRET_KEY", SECRET_KEY,
                "ISA_CLOUD_STORAGE_MINIO_USE_SSL", "false");
    }

    static LocalS3 start(Path directory) throws Exception {
        return start(directory, ServiceProcess.freePort());
    }

    /** Starts serving the objects under {@code directory} on {@code port} of 127.0.0.1 (again, after a stop). */
    static LocalS3 start(Path directory, int port) throws Exception {
        Files.createDirectories(directory);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .credentials("identity", "credential")
                .overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
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
        return new LocalS3(port, context, proxy);
    }

    /** The port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as ISA_CLOUD_STORAGE_MINIO_ENDPOINT takes it. */
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** The backing store, to find objects without going through HTTP. */
    BlobStore blobStore() {
        return context.getBlobStore();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy", e);
        } finally {
            context.close();
        }
    }
}
