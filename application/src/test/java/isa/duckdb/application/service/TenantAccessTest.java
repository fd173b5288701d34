package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.Caller;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.Principal;
import isa.duckdb.domain.TenantId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantAccessTest {
    private final LimitRefusals refusals = new LimitRefusals();
    private final TenantAccess access = new TenantAccess(new TenantLimits(100, 0, 2, Duration.ofSeconds(300),
            Duration.ofSeconds(3600)), refusals);
    private final Principal ann = Principal.user("ann", List.of("org-acme"), List.of());

    @Test
    void theCallActsAsTheTenantThePrincipalMayActAs() {
        try (TenantCall call = access.enter(new Caller(ann, "org-acme"))) {
            assertThat(call.tenant()).isEqualTo(TenantId.of("org-acme"));
        }
        String message = failureOf(() -> access.enter(new Caller(ann, "bob")), ErrorKind.PERMISSION_DENIED)
                .getMessage();
        assertThat(message).isEqualTo("PERMISSION_DENIED: principal 'ann' may not act as tenant 'bob'");
        assertThat(access.runningCalls(TenantId.of("bob"))).isZero();
    }

    @Test
    void callsBeyondTheLimitAreRefusedAtOnceAndAnEndedCallFreesItsSlot() {
        TenantCall first = access.enter(new Caller(ann, "ann"));
        TenantCall second = access.enter(new Caller(ann, ""));

        String refused = failureOf(() -> access.enter(new Caller(ann, "ann")), ErrorKind.RESOURCE_EXHAUSTED)
                .getMessage();
        try (TenantCall other = access.enter(new Caller(ann, "org-acme"))) {
            assertThat(other.tenant()).isEqualTo(TenantId.of("org-acme"));
        }
        first.close();
        first.close();
        TenantCall third = access.enter(new Caller(ann, "ann"));

        assertThat(refused).contains("2 calls running", "max-calls-per-tenant");
        assertThat(access.runningCalls(TenantId.of("ann"))).isEqualTo(2);
        second.close();
        third.close();
        assertThat(access.runningCalls(TenantId.of("ann"))).isZero();
    }

    @Test
    void aRequestWithoutTimeoutGetsTheDefaultAndOneAboveTheMaximumIsRefused() {
        assertThat(access.timeoutSeconds(0)).isEqualTo(300);
        assertThat(access.timeoutSeconds(3600)).isEqualTo(3600);
        assertThat(failureOf(() -> access.timeoutSeconds(3601), ErrorKind.RESOURCE_EXHAUSTED).getMessage())
                .contains("max-query-timeout");
        failureOf(() -> access.timeoutSeconds(-1), ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void eachRefusalIsCountedUnderItsLimit() {
        try (TenantCall first = access.enter(new Caller(ann, "ann")); TenantCall second = access.enter(new Caller(ann, "ann"))) {
            failureOf(() -> access.enter(new Caller(ann, "ann")), ErrorKind.RESOURCE_EXHAUSTED);
        }
        failureOf(() -> access.timeoutSeconds(3601), ErrorKind.RESOURCE_EXHAUSTED);
        access.enter(new Caller(ann, "ann")).close();

        assertThat(refusals.count(LimitRefusals.Limit.CALLS)).isEqualTo(1);
        assertThat(refusals.count(LimitRefusals.Limit.TIMEOUT)).isEqualTo(1);
        assertThat(refusals.count(LimitRefusals.Limit.DATABASES)).isZero();
    }
}
