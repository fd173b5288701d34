package isa.duckdb.domain;

import static isa.duckdb.domain.SqlToken.Kind.COMMENT;
import static isa.duckdb.domain.SqlToken.Kind.PARAMETER;
import static isa.duckdb.domain.SqlToken.Kind.QUOTED_IDENTIFIER;
import static isa.duckdb.domain.SqlToken.Kind.SEMICOLON;
import static isa.duckdb.domain.SqlToken.Kind.STRING;
import static isa.duckdb.domain.SqlToken.Kind.SYMBOL;
import static isa.duckdb.domain.SqlToken.Kind.WHITESPACE;
import static isa.duckdb.domain.SqlToken.Kind.WORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lexer must cut SQL exactly where DuckDB's scanner does; the expectations with non-obvious
 * cuts ({@code a$b$}, {@code --..\r}, {@code $1_0}, Unicode spaces, including where DuckDB's
 * pre-pass leaves them in place) were checked against DuckDB 1.5.
 */
class SqlLexerTest {

    /** "KIND:text" for each token that is not whitespace. */
    private static List<String> significant(String sql) {
        return SqlLexer.tokenize(sql).stream()
                .filter(t -> t.kind() != WHITESPACE)
                .map(t -> t.kind() + ":" + t.text(sql))
                .toList();
    }

    private static List<String> all(String sql) {
        return SqlLexer.tokenize(sql).stream().map(t -> t.kind() + ":" + t.text(sql)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SELECT 1", "select a, b from t where x = 'y';", "/* a /* b */ c */ --x\r\nSELECT $$;$$",
        "E'\\'' 'it''s' \"q\"\"i\" $t$ $u$ $t$ $1 $name ? ;;", "'unterminated", "/* unterminated", "$a$ unterminated",
        "E'\\", "\u00A0\u2003x\uFEFF", "😀 a$b$ é€ $", "a\r\n-- c\n\t\f"})
    void tokensCoverTheTextWithoutGapsOrOverlaps(String sql) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        int expectedStart = 0;
        for (SqlToken token : tokens) {
            assertThat(token.start()).isEqualTo(expectedStart);
            assertThat(token.end()).isGreaterThan(token.start());
            expectedStart = token.end();
        }
        assertThat(expectedStart).isEqualTo(sql.length());
        assertThat(tokens.stream().map(t -> t.text(sql)).collect(Collectors.joining())).isEqualTo(sql);
    }

    @Test
    void ordinaryStatement() {
        assertThat(significant("SELECT a, 'x' FROM t;"))
                .containsExactly("WORD:SELECT", "WORD:a", "SYMBOL:,", "STRING:'x'", "WORD:FROM", "WORD:t", "SEMICOLON:;");
    }

    @Test
    void doubledQuoteStaysInsideTheString() {
        assertThat(significant("'it''s; fine'")).containsExactly("STRING:'it''s; fine'");
    }

    @Test
    void backslashDoesNotEscapeInAPlainString() {
        assertThat(significant("'a\\' ; 'b'")).containsExactly("STRING:'a\\'", "SEMICOLON:;", "STRING:'b'");
    }

    @Test
    void backslashEscapesInAnEscapeString() {
        assertThat(significant("E'it\\'s; x' ;")).containsExactly("STRING:E'it\\'s; x'", "SEMICOLON:;");
        assertThat(significant("e'\\\\' ;")).containsExactly("STRING:e'\\\\'", "SEMICOLON:;");
        assertThat(significant("E'a''b'")).containsExactly("STRING:E'a''b'");
    }

    @Test
    void escapeStringAfterANumberStartsAtTheE() {
        assertThat(significant("1e'x'")).containsExactly("SYMBOL:1", "STRING:e'x'");
    }

    @Test
    void wordEndingInEFollowedByAQuoteIsAWordAndAString() {
        assertThat(significant("name'x'")).containsExactly("WORD:name", "STRING:'x'");
    }

    @Test
    void quotedIdentifierWithDoubledQuote() {
        assertThat(significant("\"a \"\"b\"\"; c\" x")).containsExactly("QUOTED_IDENTIFIER:\"a \"\"b\"\"; c\"", "WORD:x");
    }

    @Test
    void dollarQuotedStrings() {
        assertThat(significant("$$a;'b$$ x")).containsExactly("STRING:$$a;'b$$", "WORD:x");
        assertThat(significant("$fn$ $x$ ; $fn$ y")).containsExactly("STRING:$fn$ $x$ ; $fn$", "WORD:y");
        assertThat(significant("$_t1$;$_t1$")).containsExactly("STRING:$_t1$;$_t1$");
        assertThat(significant("$Tag$ $tag$ $Tag$")).containsExactly("STRING:$Tag$ $tag$ $Tag$");
    }

    @Test
    void dollarTagClosesOnlyOnTheExactDelimiter() {
        assertThat(significant("$a$ $ab$ $xa$ ; $a$;")).containsExactly("STRING:$a$ $ab$ $xa$ ; $a$", "SEMICOLON:;");
    }

    @Test
    void lineComments() {
        assertThat(all("-- c; d\nx")).containsExactly("COMMENT:-- c; d\n", "WORD:x");
        assertThat(all("x -- end")).containsExactly("WORD:x", "WHITESPACE: ", "COMMENT:-- end");
    }

    @Test
    void lineCommentEndsAtACarriageReturnAsInDuckDb() {
        assertThat(significant("SELECT 1 --x\r; LOAD y"))
                .containsExactly("WORD:SELECT", "SYMBOL:1", "COMMENT:--x\r", "SEMICOLON:;", "WORD:LOAD", "WORD:y");
    }

    @Test
    void nestedBlockComments() {
        assertThat(significant("/* a /* b; */ c; */ x")).containsExactly("COMMENT:/* a /* b; */ c; */", "WORD:x");
        assertThat(significant("/**/x")).containsExactly("COMMENT:/**/", "WORD:x");
        assertThat(significant("a*/*c*/b")).containsExactly("WORD:a", "SYMBOL:*", "COMMENT:/*c*/", "WORD:b");
    }

    @Test
    void commentMarkersInsideStringsAreText() {
        assertThat(significant("'--' '/*' x")).containsExactly("STRING:'--'", "STRING:'/*'", "WORD:x");
    }

    @Test
    void unterminatedPiecesRunToTheEnd() {
        assertThat(significant("x 'abc; y")).containsExactly("WORD:x", "STRING:'abc; y");
        assertThat(significant("x /* a /* b */ ; y")).containsExactly("WORD:x", "COMMENT:/* a /* b */ ; y");
        assertThat(significant("x $q$ ; y")).containsExactly("WORD:x", "STRING:$q$ ; y");
        assertThat(significant("x \"ab; y")).containsExactly("WORD:x", "QUOTED_IDENTIFIER:\"ab; y");
        assertThat(significant("E'\\")).containsExactly("STRING:E'\\");
    }

    @Test
    void parameters() {
        assertThat(significant("? $1 $12 $name $_n2"))
                .containsExactly("PARAMETER:?", "PARAMETER:$1", "PARAMETER:$12", "PARAMETER:$name", "PARAMETER:$_n2");
    }

    @Test
    void numberedParameterStopsAtTheDigits() {
        assertThat(significant("$1abc")).containsExactly("PARAMETER:$1", "WORD:abc");
    }

    @Test
    void numberedParameterMayGroupItsDigitsWithUnderscores() {
        assertThat(significant("$1_0 $1_ x")).containsExactly("PARAMETER:$1_0", "PARAMETER:$1", "WORD:_", "WORD:x");
    }

    @Test
    void loneDollarIsASymbol() {
        assertThat(significant("$ x")).containsExactly("SYMBOL:$", "WORD:x");
    }

    @Test
    void dollarInsideAnIdentifierDoesNotStartAQuote() {
        assertThat(significant("a$b$; c$b$"))
                .containsExactly("WORD:a$b$", "SEMICOLON:;", "WORD:c$b$");
    }

    @Test
    void nonAsciiCharactersArePartOfWords() {
        assertThat(significant("größe €$b$; é")).containsExactly("WORD:größe", "WORD:€$b$", "SEMICOLON:;", "WORD:é");
        assertThat(significant("x😀y")).containsExactly("WORD:x😀y");
        assertThat(significant("x\u0080y \u0080")).containsExactly("WORD:x\u0080y", "WORD:\u0080");
    }

    @Test
    void unicodeSpacesThatDuckDbStripsAreWhitespace() {
        for (String space : List.of("\u00A0", "\u2000", "\u2003", "\u200A", "\u200B", "\u202F", "\u205F", "\u2060",
                "\u3000", "\uFEFF")) {
            String sql = "SELECT" + space + "x;" + space + "LOAD y";
            assertThat(significant(sql)).as("U+%04X", (int) space.charAt(0))
                    .containsExactly("WORD:SELECT", "WORD:x", "SEMICOLON:;", "WORD:LOAD", "WORD:y");
        }
    }

    @Test
    void otherUnicodeSeparatorsArePartOfWordsAsInDuckDb() {
        assertThat(significant("SELECT 1;\u2028LOAD y"))
                .containsExactly("WORD:SELECT", "SYMBOL:1", "SEMICOLON:;", "WORD:\u2028LOAD", "WORD:y");
    }

    @Test
    void unicodeSpaceInsideAStringStaysInTheString() {
        assertThat(significant("'a\u00A0b'")).containsExactly("STRING:'a\u00A0b'");
    }

    @Test
    void unicodeSpaceIsKeptWhereDuckDbsPrePassThinksItIsInsideQuotes() {
        // DuckDB's pre-pass does not know block comments: the quote in the comment hides the space
        assertThat(significant("/* ' */ SELECT\u00A01"))
                .containsExactly("COMMENT:/* ' */", "WORD:SELECT\u00A01");
    }

    @Test
    void unicodeSpaceBetweenAWordAndADollarQuoteSeparatesThem() {
        assertThat(significant("x\u2003$b$;$b$ y")).containsExactly("WORD:x", "STRING:$b$;$b$", "WORD:y");
    }

    @Test
    void unicodeSpaceBetweenAParameterAndTheNextTokenSeparatesThem() {
        assertThat(significant("SELECT $p,\u00A01")).containsExactly("WORD:SELECT", "PARAMETER:$p", "SYMBOL:,", "SYMBOL:1");
        assertThat(significant("SELECT 1 AS a$1$,\u00A02")).endsWith("WORD:a$1$", "SYMBOL:,", "SYMBOL:2");
        assertThat(significant("SELECT 1 AS é, $abc")).endsWith("SYMBOL:,", "PARAMETER:$abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "'it''s'", "\"x\"", "\"it\"\"s\"", "$$x$$", "$t$x$t$", "$é$x$é$", "$t$ $x$ $tx $t$"})
    void unicodeSpaceAfterAClosedStringOrQuotedNameIsWhitespaceAgain(String piece) {
        assertThat(significant("SELECT " + piece + ",\u00A01")).endsWith("SYMBOL:,", "SYMBOL:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$$\u00A0$$", "$t$\u00A0$t$", "$é$\u00A0$é$", "\"a\u00A0b\""})
    void unicodeSpaceInsideADollarQuoteOrQuotedNameStaysInIt(String piece) {
        assertThat(significant(piece)).hasSize(1).allMatch(token -> token.endsWith(":" + piece));
    }

    @Test
    void unicodeSpaceAfterALineCommentIsWhitespaceAgain() {
        assertThat(significant("SELECT 1 -- it's\n,\u00A02")).endsWith("COMMENT:-- it's\n", "SYMBOL:,", "SYMBOL:2");
        assertThat(significant("SELECT 1 -- it's\r,\u00A02")).endsWith("COMMENT:-- it's\r", "SYMBOL:,", "SYMBOL:2");
        assertThat(significant("-- it's\nSELECT\u00A01")).containsExactly("COMMENT:-- it's\n", "WORD:SELECT", "SYMBOL:1");
        assertThat(significant("SELECT 1 AS é -- it's")).endsWith("WORD:é", "COMMENT:-- it's");
        assertThat(significant("SELECT 2-1,\u00A03")).endsWith("SYMBOL:-", "SYMBOL:1", "SYMBOL:,", "SYMBOL:3");
    }

    @Test
    void unicodeSpaceIsKeptWhereDuckDbsPrePassReadsADollarQuoteOrAnOpenString() {
        // its pre-pass sees "$b$" inside a word, does not know E'\'', and looks at a closing
        // delimiter's last '$' again as the start of a new tag
        assertThat(significant("SELECT 1 AS a$b$,\u00A02")).endsWith("WORD:a$b$", "SYMBOL:,", "WORD:\u00A02");
        assertThat(significant("SELECT E'\\'',\u00A01")).endsWith("STRING:E'\\''", "SYMBOL:,", "WORD:\u00A01");
        assertThat(significant("SELECT $t$x$t$x$,\u00A01"))
                .endsWith("STRING:$t$x$t$", "WORD:x$", "SYMBOL:,", "WORD:\u00A01");
        assertThat(significant("SELECT $t$x$t$\u00A0AS a")).endsWith("STRING:$t$x$t$", "WORD:\u00A0AS", "WORD:a");
    }

    @Test
    void aTwoByteUnicodeSpaceThatEndsTheTextIsPartOfTheWordAsInDuckDb() {
        // DuckDB's pre-pass stops two bytes before the end: U+00A0 (2 bytes) there stays, U+3000 (3) does not
        assertThat(significant("SELECT 1 AS a\u00A0")).endsWith("WORD:a\u00A0");
        assertThat(significant("SELECT 1 AS a\u3000")).endsWith("WORD:a");
        assertThat(significant("SELECT 1 AS a\u00A0 ")).endsWith("WORD:a");
        assertThat(significant("SELECT 1 AS a\u00A0,")).endsWith("WORD:a", "SYMBOL:,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "é", "€", "😀"})
    void aNoBreakSpaceFollowedByAnyCharacterIsWhitespace(String last) {
        assertThat(significant("SELECT 1,\u00A0" + last)).endsWith("SYMBOL:,", "WORD:" + last);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'it''s'", "\"it\"\"s\"", "$$x$$", "$t$x$t$", "$é$x$é$", "E'\\\\'", "1 /* é */", "'é€😀'"})
    void theEndOfTextLimitKeepsCountAcrossQuotedPiecesAndComments(String piece) {
        assertThat(significant("SELECT " + piece + " AS a\u00A0")).endsWith("WORD:a\u00A0");
    }

    @Test
    void kindsOfTrivia() {
        List<SqlToken> tokens = SqlLexer.tokenize(" -- a\n/* b */x");

        assertThat(tokens).extracting(SqlToken::kind).containsExactly(WHITESPACE, COMMENT, COMMENT, WORD);
        assertThat(tokens).extracting(SqlToken::isTrivia).containsExactly(true, true, true, false);
    }

    @Test
    void everyKindIsProduced() {
        assertThat(SqlLexer.tokenize("a 'b' \"c\" -- d\n? ; +").stream().map(SqlToken::kind).distinct())
                .containsExactlyInAnyOrder(WORD, WHITESPACE, STRING, QUOTED_IDENTIFIER, COMMENT, PARAMETER,
                        SEMICOLON, SYMBOL);
    }
}
