package isa.duckdb.adapters.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The breaker opens during an outage and closes again after storage answers, with a fake call. */
class StorageGuardTest {
    private final AtomicBoolean storageUp = new AtomicBoolean(true);
    private final AtomicInteger reachedStorage = new AtomicInteger();
    private final StorageGuard guard = new StorageGuard(1, Duration.ofMillis(1), Duration.ofMillis(200));

    private String callStorage() {
        reachedStorage.incrementAndGet();
        if (!storageUp.get()) {
            throw new ServiceException(ErrorKind.UNAVAILABLE, "object storage is unreachable");
        }
        return "answer";
    }

    @Test
    void anOpenBreakerRefusesWithoutCallingStorageAndClosesOnTheFirstCallAfterStorageAnswersAgain() {
        storageUp.set(false);
        for (int i = 0; i < 6; i++) {
            catchThrowableOfType(ServiceException.class, () -> guard.call(this::callStorage));
        }
        assertThat(guard.state()).isEqualTo("OPEN");
        int before = reachedStorage.get();
        ServiceException refused = catchThrowableOfType(ServiceException.class, () -> guard.call(this::callStorage));
        assertThat(refused.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(reachedStorage.get()).as("refused by the breaker, storage not called").isEqualTo(before);

        storageUp.set(true);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(catchThrowableOfType(ServiceException.class, () -> guard.call(this::callStorage))).isNull());
        assertThat(guard.state()).isEqualTo("CLOSED");
        assertThat(guard.call(this::callStorage)).isEqualTo("answer");
    }

    @Test
    void aTrialCallThatFailsOpensTheBreakerAgain() {
        storageUp.set(false);
        for (int i = 0; i < 6; i++) {
            catchThrowableOfType(ServiceException.class, () -> guard.call(this::callStorage));
        }
        int before = reachedStorage.get();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            catchThrowableOfType(ServiceException.class, () -> guard.call(this::callStorage));
            return reachedStorage.get() > before;
        });

        assertThat(guard.state()).isEqualTo("OPEN");
    }
}
