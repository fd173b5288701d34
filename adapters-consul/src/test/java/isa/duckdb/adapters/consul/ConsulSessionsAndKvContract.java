package isa.duckdb.adapters.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.SessionClient;
import org.kiwiproject.consul.model.kv.Value;
import org.kiwiproject.consul.model.session.ImmutableSession;
import org.kiwiproject.consul.model.session.SessionInfo;
import org.kiwiproject.consul.option.ImmutablePutOptions;

/**
 * Consul's session and KV semantics the ownership adapter relies on, as the HTTP API documents them
 * (developer.hashicorp.com/consul/api-docs/session and /api-docs/kv; "Sessions and distributed locks
 * overview"), through the client library the adapter uses. Run against {@link FakeConsulAgent} and, where
 * Docker runs, against {@code hashicorp/consul}: the fake can never drift from Consul on these points.
 */
abstract class ConsulSessionsAndKvContract {
    private static final Duration LOCK_DELAY = Duration.ofSeconds(3);

    /** A client on the agent under test. */
    protected abstract Consul consul();

    /** Lets {@code duration} pass on the agent's clock (the fake moves its own; real Consul is waited for). */
    protected abstract void passTime(Duration duration);

    private SessionClient sessions() {
        return consul().sessionClient();
    }

    private KeyValueClient kv() {
        return consul().keyValueClient();
    }

    private String session(String ttl, String behavior) {
        return sessions().createSession(ImmutableSession.builder().name("contract-" + UUID.randomUUID())
                .ttl(ttl).lockDelay(LOCK_DELAY.toSeconds() + "s").behavior(behavior).build()).getId();
    }

    private static String freshKey() {
        return "contract/" + UUID.randomUUID();
    }

    @Test
    void aCreatedSessionReportsItsTtlLockDelayAndBehaviorUntilDestroyed() {
        String id = session("10s", "release");

        SessionInfo info = sessions().getSessionInfo(id).orElseThrow();
        assertThat(info.getId()).isEqualTo(id);
        assertThat(info.getTtl()).hasValue("10s");
        assertThat(info.getLockDelay()).isEqualTo(LOCK_DELAY.toNanos());
        assertThat(info.getBehavior()).isEqualTo("release");

        sessions().destroySession(id);
        assertThat(sessions().getSessionInfo(id)).isEmpty();
    }

    @Test
    void aTtlBelowTenSecondsIsRefused() {
        ConsulException e = catchThrowableOfType(ConsulException.class, () -> session("5s", "release"));

        assertThat(e.getCode()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void renewingAnInvalidatedSessionIs404() {
        String id = session("10s", "release");
        assertThat(sessions().renewSession(id)).hasValueSatisfying(s -> assertThat(s.getId()).isEqualTo(id));

        sessions().destroySession(id);

        ConsulException e = catchThrowableOfType(ConsulException.class, () -> sessions().renewSession(id));
        assertThat(e.getCode()).isEqualTo(404);
    }

    @Test
    void aSessionNotRenewedIsInvalidatedWithinTwiceItsTtlAndItsLockReleased() {
        String id = session("10s", "release");
        String key = freshKey();
        assertThat(kv().acquireLock(key, "owner-a", id)).isTrue();

        passTime(Duration.ofSeconds(8));
        assertThat(sessions().renewSession(id)).isPresent();
        passTime(Duration.ofSeconds(8));
        assertThat(sessions().getSessionInfo(id)).as("not invalidated before its TTL ran out").isPresent();

        passTime(Duration.ofSeconds(15));
        assertThat(sessions().getSessionInfo(id)).as("invalidated within 2 x TTL of the last renewal").isEmpty();
        Value value = kv().getValue(key).orElseThrow();
        assertThat(value.getSession()).isEmpty();
        assertThat(value.getValueAsString()).hasValue("owner-a");
    }

    @Test
    void valuesAreStoredAsBytesAndEveryWriteRaisesTheModifyIndex() {
        String key = freshKey();
        assertThat(kv().getValue(key)).isEmpty();
        byte[] bytes = {0, (byte) 0xff, 'a', '\n'};

        assertThat(kv().putValue(key, bytes, 0, ImmutablePutOptions.builder().build())).isTrue();
        Value first = kv().getValue(key).orElseThrow();
        assertThat(first.getValueAsBytes()).hasValueSatisfying(b -> assertThat(b).containsExactly(bytes));
        assertThat(first.getLockIndex()).isZero();
        assertThat(first.getSession()).isEmpty();

        assertThat(kv().putValue(key, "second")).isTrue();
        Value second = kv().getValue(key).orElseThrow();
        assertThat(second.getModifyIndex()).isGreaterThan(first.getModifyIndex());
        assertThat(second.getCreateIndex()).isEqualTo(first.getCreateIndex());

        kv().deleteKey(key);
        assertThat(kv().getValue(key)).isEmpty();
    }

    @Test
    void checkAndSetWritesOnlyWhenTheModifyIndexMatches() {
        String key = freshKey();
        assertThat(kv().putValue(key, "a", 0, ImmutablePutOptions.builder().cas(0L).build())).isTrue();
        assertThat(kv().putValue(key, "b", 0, ImmutablePutOptions.builder().cas(0L).build()))
                .as("cas=0 writes only an absent key").isFalse();
        long index = kv().getValue(key).orElseThrow().getModifyIndex();

        assertThat(kv().putValue(key, "c", 0, ImmutablePutOptions.builder().cas(index).build())).isTrue();
        assertThat(kv().putValue(key, "d", 0, ImmutablePutOptions.builder().cas(index).build()))
                .as("a stale index").isFalse();
        assertThat(kv().getValueAsString(key)).hasValue("c");
    }

    @Test
    void oneSessionHoldsALockAtATimeAndAReleaseLetsTheNextTakeItAtOnce() {
        String a = session("10s", "release");
        String b = session("10s", "release");
        String key = freshKey();

        assertThat(kv().acquireLock(key, "owner-a", a)).isTrue();
        Value held = kv().getValue(key).orElseThrow();
        assertThat(held.getSession()).hasValue(a);
        assertThat(held.getLockIndex()).isEqualTo(1);

        assertThat(kv().acquireLock(key, "owner-b", b)).isFalse();
        assertThat(kv().releaseLock(key, b)).as("b does not hold it").isFalse();
        assertThat(kv().acquireLock(key, "owner-a2", a)).as("the holder acquires again").isTrue();
        Value again = kv().getValue(key).orElseThrow();
        assertThat(again.getLockIndex()).isEqualTo(1);
        assertThat(again.getValueAsString()).hasValue("owner-a2");

        assertThat(kv().releaseLock(key, a)).isTrue();
        assertThat(kv().getValue(key).orElseThrow().getSession()).isEmpty();
        assertThat(kv().acquireLock(key, "owner-b", b)).as("no lock-delay after a release").isTrue();
        assertThat(kv().getValue(key).orElseThrow().getLockIndex()).isEqualTo(2);
    }

    @Test
    void aLockOfAnInvalidatedSessionCannotBeTakenDuringItsLockDelay() {
        String a = session("10s", "release");
        String b = session("10s", "release");
        String key = freshKey();
        assertThat(kv().acquireLock(key, "owner-a", a)).isTrue();

        sessions().destroySession(a);

        assertThat(kv().getValue(key).orElseThrow().getSession()).isEmpty();
        assertThat(kv().acquireLock(key, "owner-b", b)).isFalse();
        passTime(LOCK_DELAY.plusSeconds(1));
        sessions().renewSession(b);
        assertThat(kv().acquireLock(key, "owner-b", b)).isTrue();
    }

    @Test
    void theDeleteBehaviorDeletesTheHeldKeys() {
        String a = session("10s", "delete");
        String key = freshKey();
        assertThat(kv().acquireLock(key, "owner-a", a)).isTrue();

        sessions().destroySession(a);

        assertThat(kv().getValue(key)).isEmpty();
    }

    @Test
    void acquiringWithAnUnknownSessionIsAnError() {
        String key = freshKey();

        ConsulException e = catchThrowableOfType(ConsulException.class,
                () -> kv().acquireLock(key, "x", UUID.randomUUID().toString()));

        assertThat(e.getCode()).isEqualTo(500);
        assertThat(kv().getValue(key)).isEmpty();
    }
}
