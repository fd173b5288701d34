package isa.duckdb.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyTablePrefixTest {
    private final LegacyTablePrefix alice = LegacyTablePrefix.of(TenantId.of("alice"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM user_alice_events|SELECT * FROM events",
        "SELECT * FROM \"user_alice_events\"|SELECT * FROM \"events\"",
        "SELECT e.id FROM main.user_alice_events e JOIN user_alice_orders o USING (id)"
                + "|SELECT e.id FROM main.events e JOIN orders o USING (id)",
        "SELECT 'user_alice_events' AS s FROM events|SELECT 'user_alice_events' AS s FROM events",
        "SELECT 1 -- user_alice_events|SELECT 1 -- user_alice_events",
        "SELECT /* user_alice_events */ 1|SELECT /* user_alice_events */ 1",
        "SELECT * FROM user_bob_events|SELECT * FROM user_bob_events",
        "SELECT * FROM USER_ALICE_EVENTS|SELECT * FROM USER_ALICE_EVENTS",
        "SELECT * FROM user_alice_|SELECT * FROM user_alice_",
        "SELECT * FROM user_alice_1x|SELECT * FROM user_alice_1x",
        "SELECT $$user_alice_events$$|SELECT $$user_alice_events$$",
        "SELECT $user_alice_x|SELECT $user_alice_x",
        "INSERT INTO user_alice_events VALUES (1)|INSERT INTO events VALUES (1)"})
    void rewritesTheCallersOwnPrefixInIdentifiersOnly(String sql, String expected) {
        assertThat(alice.rewriteSql(sql)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user_alice_aa|aa", "user_alice_zz|zz", "user_alice_Alpha|Alpha", "user_alice_Zeta|Zeta", "user_alice__t|_t",
        "user_alice_ünits|ünits", "user_alice_$x|user_alice_$x", "user_alice_9|user_alice_9"})
    void theRestMustStartLikeAWordToBecomeTheName(String word, String rewritten) {
        assertThat(alice.rewriteSql("SELECT * FROM " + word)).isEqualTo("SELECT * FROM " + rewritten);
    }

    @Test
    void anUnterminatedQuotedNameIsLeftAsItIs() {
        assertThat(alice.rewriteSql("SELECT \"user_alice_a\" FROM \"user_alice_events"))
                .isEqualTo("SELECT \"a\" FROM \"user_alice_events");
        assertThat(alice.rewriteSql("SELECT user_alice_a, \"")).isEqualTo("SELECT a, \"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"azAZ09_q", "Bob", "Zoe_42", "alice"})
    void anIdOfWordCharactersHasOnlyItsExactPrefix(String id) {
        LegacyTablePrefix prefix = LegacyTablePrefix.of(TenantId.of(id));

        assertThat(prefix.stripName("user_" + id + "_events")).isEqualTo("events");
        for (int i = 0; i < id.length(); i++) {
            String other = "user_" + id.substring(0, i) + "_" + id.substring(i + 1) + "_events";
            if (!other.equals("user_" + id + "_events")) {
                assertThat(prefix.stripName(other)).as("another tenant's %s", other).isEqualTo(other);
            }
        }
    }

    @Test
    void noNameStaysNoName() {
        assertThat(alice.stripName(null)).isNull();
        assertThat(alice.rewriteSql(null)).isNull();
    }

    @Test
    void anIdWithNonWordCharactersAlsoMatchesItsWordSafeForm() {
        LegacyTablePrefix prefix = LegacyTablePrefix.of(TenantId.of("test-user.1"));

        assertThat(prefix.rewriteSql("SELECT * FROM user_test_user_1_events")).isEqualTo("SELECT * FROM events");
        assertThat(prefix.rewriteSql("SELECT * FROM \"user_test-user.1_events\"")).isEqualTo("SELECT * FROM \"events\"");
        assertThat(prefix.stripName("user_test-user.1_events")).isEqualTo("events");
        assertThat(prefix.stripName("user_test_user_1_events")).isEqualTo("events");
    }

    @Test
    void quotedNamesStayQuotedAndEscaped() {
        assertThat(alice.rewriteSql("SELECT * FROM \"user_alice_we\"\"ird\""))
                .isEqualTo("SELECT * FROM \"we\"\"ird\"");
    }

    @Test
    void namesWithoutThePrefixAndTheBarePrefixStay() {
        assertThat(alice.stripName("events")).isEqualTo("events");
        assertThat(alice.stripName("user_alice_")).isEqualTo("user_alice_");
        assertThat(alice.stripName("user_alice_events")).isEqualTo("events");
        assertThat(alice.strip(QualifiedName.parse("main.user_alice_events")).toString()).isEqualTo("main.events");
    }

    @Test
    void textWithoutThePrefixIsReturnedAsItIs() {
        String sql = "SELECT 1";
        assertThat(alice.rewriteSql(sql)).isSameAs(sql);
    }
}
