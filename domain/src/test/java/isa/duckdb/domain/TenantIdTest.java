package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {
    private static final String BUCKET_CHARACTERS = "[a-z0-9.-]+";

    @Test
    void anIdStartingWithOrgDashIsAnOrganization() {
        assertThat(TenantId.of("org-acme").isOrganization()).isTrue();
        assertThat(TenantId.of("org-").isOrganization()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "organization", "org_acme", "orgacme", "my-org-acme", "Org-acme", "ORG-acme"})
    void anyOtherIdIsAUser(String id) {
        assertThat(TenantId.of(id).isOrganization()).isFalse();
    }

    @Test
    void userDatabaseBucketIsPrefixedWithUser() {
        assertThat(TenantId.of("alice").databaseBucket()).isEqualTo("user-alice-duckdb");
    }

    @Test
    void organizationDatabaseBucketHasNoUserPrefix() {
        assertThat(TenantId.of("org-acme").databaseBucket()).isEqualTo("org-acme-duckdb");
    }

    @Test
    void idIsLowerCasedAndUnderscoresBecomeDashes() {
        assertThat(TenantId.of("Test_User").databaseBucket()).isEqualTo("user-test-user-duckdb");
        assertThat(TenantId.of("org-Big_Co").databaseBucket()).isEqualTo("org-big-co-duckdb");
    }

    @Test
    void charactersOutsideTheBucketAlphabetBecomeDashesWhileDotsAndDigitsStay() {
        assertThat(TenantId.of("Alice.Smith+42@Example.COM").databaseBucket())
                .isEqualTo("user-alice.smith-42-example.com-duckdb");
        assertThat(TenantId.of("josé/ü x").databaseBucket()).isEqualTo("user-jos----x-duckdb");
    }

    @Test
    void everyLetterAndDigitIsKept() {
        assertThat(TenantId.of("abcdefghijklmnopqrstuvwxyz0123456789").databaseBucket())
                .isEqualTo("user-abcdefghijklmnopqrstuvwxyz0123456789-duckdb");
        assertThat(TenantId.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ").databaseBucket())
                .isEqualTo("user-abcdefghijklmnopqrstuvwxyz-duckdb");
        assertThat(TenantId.of("a/z:0@9`{").databaseBucket()).isEqualTo("user-a-z-0-9---duckdb");
    }

    @Test
    void callerNamedBucketIsPlacedInTheTenantNamespace() {
        assertThat(TenantId.of("test_user").namespacedBucket("duckdb-data")).isEqualTo("user-test-user-duckdb-data");
        assertThat(TenantId.of("org-acme").namespacedBucket("exports")).isEqualTo("org-acme-exports");
    }

    @Test
    void callerNamedBucketIsSanitizedToo() {
        assertThat(TenantId.of("bob").namespacedBucket("My_Exports/2024")).isEqualTo("user-bob-my-exports-2024");
    }

    @Test
    void bucketOfExactly63CharactersIsKeptAsIs() {
        String id = "a".repeat(63 - "user-".length() - "-duckdb".length());
        String bucket = TenantId.of(id).databaseBucket();

        assertThat(bucket).hasSize(63).isEqualTo("user-" + id + "-duckdb");
    }

    @Test
    void longBucketIsShortenedTo63CharactersWithAHashSuffix() {
        String id = "a".repeat(64 - "user-".length() - "-duckdb".length());
        String bucket = TenantId.of(id).databaseBucket();

        assertThat(bucket).hasSize(63).startsWith("user-aaaa").matches(".*-[0-9a-f]{8}").matches(BUCKET_CHARACTERS);
    }

    @Test
    void shorteningIsDeterministic() {
        String id = "tenant_" + "x".repeat(200);

        assertThat(TenantId.of(id).databaseBucket()).isEqualTo(TenantId.of(id).databaseBucket());
        assertThat(TenantId.of(id).namespacedBucket("b".repeat(80)))
                .isEqualTo(TenantId.of(id).namespacedBucket("b".repeat(80)));
    }

    @Test
    void differentLongIdsWithACommonPrefixGetDifferentBuckets() {
        String prefix = "p".repeat(120);
        String first = TenantId.of(prefix + "1").databaseBucket();
        String second = TenantId.of(prefix + "2").databaseBucket();
        String firstOrg = TenantId.of("org-" + prefix + "1").databaseBucket();
        String secondOrg = TenantId.of("org-" + prefix + "2").databaseBucket();

        assertThat(first).isNotEqualTo(second).hasSizeLessThanOrEqualTo(63);
        assertThat(second).hasSizeLessThanOrEqualTo(63);
        assertThat(firstOrg).isNotEqualTo(secondOrg).startsWith("org-");
        assertThat(firstOrg).hasSizeLessThanOrEqualTo(63);
        assertThat(secondOrg).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void longCallerBucketIsShortenedAndStillDistinct() {
        TenantId tenant = TenantId.of("carol");
        String first = tenant.namespacedBucket("data-" + "z".repeat(100) + "-1");
        String second = tenant.namespacedBucket("data-" + "z".repeat(100) + "-2");

        assertThat(first).hasSizeLessThanOrEqualTo(63).startsWith("user-carol-data-").matches(BUCKET_CHARACTERS);
        assertThat(second).hasSizeLessThanOrEqualTo(63);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void longestAllowedIdStillGivesAValidBucket() {
        String id = "Z_".repeat(128);

        assertThat(TenantId.of(id).databaseBucket()).hasSizeLessThanOrEqualTo(63).matches(BUCKET_CHARACTERS);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n "})
    void missingUserIdIsPermissionDenied(String id) {
        assertThatThrownBy(() -> TenantId.of(id))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED));
    }

    @Test
    void overlongUserIdIsInvalid() {
        assertThat(TenantId.of("u".repeat(256)).id()).hasSize(256);
        assertThatThrownBy(() -> TenantId.of("u".repeat(257)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ali\u0000ce", "bob\n", "eve\u001b[31m"})
    void controlCharactersAreInvalid(String id) {
        assertThatThrownBy(() -> TenantId.of(id))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    @Test
    void valueSemanticsAndToString() {
        assertThat(TenantId.of("alice")).isEqualTo(new TenantId("alice")).hasToString("alice");
        assertThat(TenantId.of("alice")).isNotEqualTo(TenantId.of("Alice"));
    }
}
