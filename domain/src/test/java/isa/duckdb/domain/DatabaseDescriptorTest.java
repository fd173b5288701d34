package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseDescriptorTest {
    private static final Instant CREATED = Instant.parse("2024-01-02T03:04:05Z");

    private static DatabaseDescriptor descriptor(String organizationId, Map<String, String> metadata) {
        return new DatabaseDescriptor("db-1", DatabaseName.of("sales"), TenantId.of("alice"), organizationId, CREATED,
                CREATED, metadata, DatabaseSettings.DEFAULTS, 3);
    }

    @Test
    void aMissingOrganizationIsEmpty() {
        assertThat(descriptor(null, Map.of()).organizationId()).isEmpty();
        assertThat(descriptor("org-acme", Map.of()).organizationId()).isEqualTo("org-acme");
    }

    @Test
    void theMetadataDoesNotFollowLaterChangesOfTheGivenMap() {
        Map<String, String> metadata = new HashMap<>(Map.of("team", "finance"));
        DatabaseDescriptor descriptor = descriptor("", metadata);
        metadata.put("owner", "bob");

        assertThat(descriptor.metadata()).containsExactly(Map.entry("team", "finance"));
        assertThatThrownBy(() -> descriptor.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNewAccessTimeChangesNothingElse() {
        DatabaseDescriptor before = descriptor("org-acme", Map.of("team", "finance"));
        Instant later = CREATED.plusSeconds(60);

        DatabaseDescriptor after = before.accessedAt(later);

        assertThat(after.lastAccessed()).isEqualTo(later);
        assertThat(after).usingRecursiveComparison().ignoringFields("lastAccessed").isEqualTo(before);
    }

    @Test
    void aNewTableCountChangesNothingElse() {
        DatabaseDescriptor before = descriptor("org-acme", Map.of("team", "finance"));

        DatabaseDescriptor after = before.withTableCount(7);

        assertThat(after.tableCount()).isEqualTo(7);
        assertThat(after).usingRecursiveComparison().ignoringFields("tableCount").isEqualTo(before);
    }
}
