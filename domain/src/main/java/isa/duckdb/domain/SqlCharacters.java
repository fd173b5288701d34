package isa.duckdb.domain;

/**
 * The character classes of DuckDB's scanner (its {@code scan.l}), shared by {@link SqlLexer} and
 * by {@link UnicodeSpaces}, its pre-pass. Each test takes one UTF-16 unit; every unit from
 * {@code 0x80} up counts as the {@code \200-\377} bytes DuckDB allows in identifiers.
 */
final class SqlCharacters {
    private SqlCharacters() {
    }

    /** ASCII whitespace only: DuckDB treats other characters as part of identifiers. */
    static boolean isWhitespace(char c) {
        return c < 0x80 && Character.isWhitespace(c);
    }

    /** {@code [0-9]}. */
    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** DuckDB's {@code ident_start}: {@code [A-Za-z\200-\377_]}; also its {@code dolq_start}. */
    static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** DuckDB's {@code ident_cont}: {@code [A-Za-z\200-\377_0-9\$]}. */
    static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    /** DuckDB's {@code dolq_cont}: like an identifier, without {@code $}. */
    static boolean isTagPart(char c) {
        return isWordStart(c) || isDigit(c);
    }
}
