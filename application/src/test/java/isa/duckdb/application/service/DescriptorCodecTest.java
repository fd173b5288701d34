package isa.duckdb.application.service;

import static isa.duckdb.application.service.ServicesFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.DatabaseDescriptor;
import isa.duckdb.domain.DatabaseName;
import isa.duckdb.domain.DatabaseSettings;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Descriptors as the properties objects under {@code .meta/}. */
class DescriptorCodecTest {
    private static final TenantId LENA = TenantId.of("lena");

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        DatabaseDescriptor original = new DatabaseDescriptor("5f0c1a52-8a4e-4b8e-9d59-5e1c4f3f2b10",
                DatabaseName.of("sales"), LENA, "org-acme", Instant.parse("2024-03-01T12:00:00.123Z"),
                Instant.parse("2024-03-02T08:30:00Z"),
                Map.of("team", "Ünïcode ✓", "query=a:b", "x#y!z", "multi", "line\nbreak"),
                new DatabaseSettings(Optional.of(2), Optional.of("512MB")), 7);

        DatabaseDescriptor decoded = DescriptorCodec.decode(DescriptorCodec.encode(original), LENA);

        assertThat(decoded).isEqualTo(original);
    }

    @Test
    void theStoredFileIsPlainAsciiPropertiesAnOperatorCanRead() {
        DatabaseDescriptor descriptor = new DatabaseDescriptor("id-1", DatabaseName.of("sales"), LENA, "",
                Instant.parse("2024-03-01T12:00:00Z"), Instant.parse("2024-03-01T12:00:00Z"), Map.of("team", "ü"),
                DatabaseSettings.DEFAULTS, 0);

        String text = new String(DescriptorCodec.encode(descriptor), StandardCharsets.ISO_8859_1);

        assertThat(text).contains("name=sales", "tenant=lena", "created_at=2024-03-01T12\\:00\\:00Z",
                "metadata.team=\\u00FC");
        assertThat(text.chars()).allMatch(c -> c < 128);
    }

    @Test
    void theDescriptorKeepsTheExactTenantIdItWasWrittenForWhicheverBucketHeldIt() {
        DatabaseDescriptor lenas = new DatabaseDescriptor("id-1", DatabaseName.of("sales"), LENA, "",
                Instant.parse("2024-03-01T12:00:00Z"), Instant.parse("2024-03-01T12:00:00Z"), Map.of(),
                DatabaseSettings.DEFAULTS, 0);

        DatabaseDescriptor read = DescriptorCodec.decode(DescriptorCodec.encode(lenas), TenantId.of("Lena"));

        assertThat(read.tenant()).isEqualTo(LENA);
    }

    @Test
    void aDescriptorWithoutTenantBelongsToTheTenantWhoseBucketHoldsIt() {
        byte[] old = "id=id-7\nname=legacy\ncreated_at=2023-01-01T00:00:00Z\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(DescriptorCodec.decode(old, LENA).tenant()).isEqualTo(LENA);
    }

    @Test
    void anOlderDescriptorWithoutAccessTimeOrTableCountReadsAsCreatedAndEmpty() {
        byte[] old = "id=id-7\nname=legacy\ncreated_at=2023-01-01T00:00:00Z\n".getBytes(StandardCharsets.ISO_8859_1);

        DatabaseDescriptor read = DescriptorCodec.decode(old, LENA);

        assertThat(read.lastAccessed()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
        assertThat(read.tableCount()).isZero();
        assertThat(read.organizationId()).isEmpty();
        assertThat(read.settings()).isEqualTo(DatabaseSettings.DEFAULTS);
    }

    @Test
    void aDescriptorWithABrokenEscapeIsAnInternalError() {
        byte[] broken = "id=x\nname=\\u12".getBytes(StandardCharsets.ISO_8859_1);

        failureOf(() -> DescriptorCodec.decode(broken, LENA), ErrorKind.INTERNAL);
    }

    @Test
    void aDescriptorMissingItsCreationTimeIsAnInternalErrorNotACrash() {
        byte[] partial = "id=id-7\nname=legacy\n".getBytes(StandardCharsets.ISO_8859_1);

        failureOf(() -> DescriptorCodec.decode(partial, LENA), ErrorKind.INTERNAL);
    }

    @Test
    void aDescriptorWithAnUnparsableTableCountIsAnInternalError() {
        byte[] partial = "id=id-7\nname=legacy\ncreated_at=2023-01-01T00:00:00Z\ntable_count=many\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        failureOf(() -> DescriptorCodec.decode(partial, LENA), ErrorKind.INTERNAL);
    }
}
