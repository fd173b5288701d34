package isa.duckdb.domain;

import static isa.duckdb.domain.SqlCharacters.isDigit;
import static isa.duckdb.domain.SqlCharacters.isTagPart;
import static isa.duckdb.domain.SqlCharacters.isWhitespace;
import static isa.duckdb.domain.SqlCharacters.isWordPart;
import static isa.duckdb.domain.SqlCharacters.isWordStart;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens the way DuckDB's parser does for what matters to the service: string
 * literals ({@code '..'}, {@code E'..'}, {@code $tag$..$tag$}), comments ({@code --}, nested
 * {@code /* *}{@code /}), quoted identifiers, words, parameters ({@code ?}, {@code $1},
 * {@code $name}) and statement separators. Never fails: unterminated pieces run to the end.
 *
 * <p>The rules follow DuckDB's scanner (its {@code scan.l}) so that the service and the engine
 * always agree on where a statement, a string or a comment ends:
 * <ul>
 *   <li>identifiers are ASCII letters, digits, {@code _} and {@code $} plus any non-ASCII
 *       character, so {@code a$b$} is one word, not a word and a dollar quote;</li>
 *   <li>a {@code --} comment ends at {@code \n} or {@code \r};</li>
 *   <li>the Unicode spaces DuckDB turns into plain spaces before it scans (no-break space,
 *       U+2000..U+200B, U+202F, U+205F, U+2060, U+3000, U+FEFF, wherever its pre-pass finds them;
 *       see {@link UnicodeSpaces}) are whitespace; every other non-ASCII character is part
 *       of a word.</li>
 * </ul>
 */
public final class SqlLexer {
    private final String sql;
    private int pos;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /** Tokens whose ranges index into {@code sql} itself. */
    public static List<SqlToken> tokenize(String sql) {
        return new SqlLexer(UnicodeSpaces.asPlainSpaces(sql)).run();
    }

    private List<SqlToken> run() {
        List<SqlToken> tokens = new ArrayList<>();
        while (pos < sql.length()) {
            int start = pos;
            SqlToken.Kind kind = next();
            tokens.add(new SqlToken(kind, start, pos));
        }
        return tokens;
    }

    private SqlToken.Kind next() {
        char c = sql.charAt(pos);
        if (isWhitespace(c)) {
            while (pos < sql.length() && isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            return SqlToken.Kind.WHITESPACE;
        }
        if (c == '-' && peek(1) == '-') {
            while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                pos++;
            }
            if (pos < sql.length()) {
                pos++;
            }
            return SqlToken.Kind.COMMENT;
        }
        if (c == '/' && peek(1) == '*') {
            skipBlockComment();
            return SqlToken.Kind.COMMENT;
        }
        if (c == '\'') {
            skipQuoted('\'', false);
            return SqlToken.Kind.STRING;
        }
        if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            pos++;
            skipQuoted('\'', true);
            return SqlToken.Kind.STRING;
        }
        if (c == '"') {
            skipQuoted('"', false);
            return SqlToken.Kind.QUOTED_IDENTIFIER;
        }
        if (c == ';') {
            pos++;
            return SqlToken.Kind.SEMICOLON;
        }
        if (c == '?') {
            pos++;
            return SqlToken.Kind.PARAMETER;
        }
        if (c == '$') {
            return dollar();
        }
        if (isWordStart(c)) {
            while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
                pos++;
            }
            return SqlToken.Kind.WORD;
        }
        pos++;
        return SqlToken.Kind.SYMBOL;
    }

    /** {@code $1}, {@code $name}, {@code $tag$..$tag$}, {@code $$..$$} or a lone {@code $}. */
    private SqlToken.Kind dollar() {
        if (isDigit(peek(1))) {
            pos++;
            while (pos < sql.length() && (isDigit(sql.charAt(pos)) || (sql.charAt(pos) == '_' && isDigit(peek(1))))) {
                pos++;
            }
            return SqlToken.Kind.PARAMETER;
        }
        int tagEnd = pos + 1;
        while (tagEnd < sql.length() && isTagPart(sql.charAt(tagEnd))) {
            tagEnd++;
        }
        if (tagEnd < sql.length() && sql.charAt(tagEnd) == '$') {
            String delimiter = sql.substring(pos, tagEnd + 1);
            int close = sql.indexOf(delimiter, tagEnd + 1);
            pos = close < 0 ? sql.length() : close + delimiter.length();
            return SqlToken.Kind.STRING;
        }
        if (tagEnd > pos + 1) {
            pos = tagEnd;
            return SqlToken.Kind.PARAMETER;
        }
        pos++;
        return SqlToken.Kind.SYMBOL;
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    pos++;
                } else {
                    return;
                }
            }
        }
        pos = Math.min(pos, sql.length());
    }

    private char peek(int offset) {
        int at = pos + offset;
        return at < sql.length() ? sql.charAt(at) : '\0';
    }
}
