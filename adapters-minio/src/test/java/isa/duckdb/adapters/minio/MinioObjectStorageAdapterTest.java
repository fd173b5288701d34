package isa.duckdb.adapters.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.application.port.out.ObjectStorageContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real S3 server over HTTP on loopback (S3Proxy), plus outages. */
class MinioObjectStorageAdapterTest extends ObjectStorageContract {
    @TempDir
    Path serverFiles;

    private LocalS3Server server;
    private MinioObjectStorageAdapter storage;

    @BeforeEach
    void startServer() {
        server = LocalS3Server.start(serverFiles);
        storage = MinioObjectStorageAdapter.connect(new MinioSettings(server.endpoint(), LocalS3Server.ACCESS_KEY,
                LocalS3Server.SECRET_KEY, false, "us-east-1", Duration.ofSeconds(2), Duration.ofSeconds(30)));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected ObjectStorage storage() {
        return storage;
    }

    @Test
    void aFileLargerThanOnePartUploadsAndDownloadsExactly() throws Exception {
        storage.ensureBucket(BUCKET);
        byte[] content = new byte[40 * 1024 * 1024];
        new Random(7).nextBytes(content);
        Path source = localFiles.resolve("big.bin");
        Files.write(source, content);

        storage.upload(BUCKET, "big.bin", source);
        Path back = localFiles.resolve("back.bin");
        storage.download(BUCKET, "big.bin", back);

        assertThat(storage.stat(BUCKET, "big.bin")).hasValueSatisfying(o -> assertThat(o.size()).isEqualTo(content.length));
        assertThat(Files.mismatch(source, back)).isEqualTo(-1L);
    }

    @Test
    void anOutageIsUnavailableAndStorageRecoversWhenTheServerReturns() {
        storage.ensureBucket(BUCKET);
        storage.put(BUCKET, "before", new byte[] {1});
        server.stop();

        ServiceException down = catchThrowableOfType(ServiceException.class, () -> storage.get(BUCKET, "before"));
        assertThat(down.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(down.getMessage()).doesNotContain(LocalS3Server.SECRET_KEY).doesNotContain(LocalS3Server.ACCESS_KEY);
        assertThat(catchThrowableOfType(ServiceException.class, storage::checkReachable).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);

        server.startAgain();
        awaitRecovery();
        assertThat(storage.get(BUCKET, "before")).hasValueSatisfying(b -> assertThat(b).containsExactly(1));
    }

    @Test
    void wrongCredentialsAreUnavailableWithoutTheSecret() {
        MinioObjectStorageAdapter wrong = MinioObjectStorageAdapter.connect(MinioSettings.of(server.endpoint(),
                LocalS3Server.ACCESS_KEY, "not-the-secret", false));
        ServiceException refused = catchThrowableOfType(ServiceException.class, () -> wrong.ensureBucket(BUCKET));
        assertThat(refused.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(refused.getMessage()).doesNotContain("not-the-secret");
    }

    private void awaitRecovery() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                storage.checkReachable();
                return;
            } catch (ServiceException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
