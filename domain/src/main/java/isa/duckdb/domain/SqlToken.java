package isa.duckdb.domain;

/** One lexical piece of SQL text, as a range of the source. */
public record SqlToken(Kind kind, int start, int end) {

    public enum Kind {
        WHITESPACE, COMMENT, STRING, QUOTED_IDENTIFIER, WORD, PARAMETER, SEMICOLON, SYMBOL
    }

    public String text(String sql) {
        return sql.substring(start, end);
    }

    public boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }
}
