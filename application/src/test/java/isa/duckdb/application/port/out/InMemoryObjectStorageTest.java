package isa.duckdb.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import isa.duckdb.application.port.out.ObjectStorage;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class InMemoryObjectStorageTest extends ObjectStorageContract {

    private InMemoryObjectStorage storage;

    @BeforeEach
    void createStorage() {
        storage = new InMemoryObjectStorage();
    }

    @Override
    protected ObjectStorage storage() {
        return storage;
    }

    @Test
    void isNamedMemory() {
        assertThat(storage.backendName()).isEqualTo("memory");
    }

    @Test
    void anOutageMakesEveryCallUnavailableUntilItEnds() throws Exception {
        storage.ensureBucket(BUCKET);
        storage.put(BUCKET, "k", bytes("v"));
        Path file = Files.write(localFiles.resolve("f"), bytes("f"));

        storage.setAvailable(false);

        List<Executable> calls = List.of(
                () -> storage.ensureBucket(BUCKET),
                () -> storage.stat(BUCKET, "k"),
                () -> storage.list(BUCKET, ""),
                () -> storage.download(BUCKET, "k", localFiles.resolve("d")),
                () -> storage.upload(BUCKET, "k", file),
                () -> storage.put(BUCKET, "k", bytes("x")),
                () -> storage.get(BUCKET, "k"),
                () -> storage.delete(BUCKET, "k"),
                () -> storage.copy(BUCKET, "k", "k2"),
                () -> storage.checkReachable());
        for (Executable call : calls) {
            ServiceException e = catchThrowableOfType(ServiceException.class, call::execute);
            assertThat(e).as("a ServiceException").isNotNull();
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(e.getMessage()).isEqualTo("UNAVAILABLE: object storage is unavailable");
        }
        assertThat(storage.isAvailable()).isFalse();
        assertThat(localFiles.resolve("d")).doesNotExist();

        storage.setAvailable(true);

        assertThat(storage.get(BUCKET, "k").orElseThrow()).isEqualTo(bytes("v"));
        assertThat(keys(storage.list(BUCKET, ""))).containsExactly("k");
    }

    @Test
    void lastModifiedComesFromTheClock() {
        Instant now = Instant.parse("2024-05-01T10:15:30Z");
        InMemoryObjectStorage clocked = new InMemoryObjectStorage(Clock.fixed(now, ZoneOffset.UTC));
        clocked.ensureBucket(BUCKET);

        clocked.put(BUCKET, "k", bytes("v"));

        assertThat(clocked.stat(BUCKET, "k").orElseThrow().lastModified()).isEqualTo(now);
    }
}
