package isa.duckdb.domain;

import java.util.ArrayList;
import java.util.Arrays;
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
 *       see {@link #engineSpaces(String)}) are whitespace; every other non-ASCII character is part
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
        return new SqlLexer(engineSpaces(sql)).run();
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

    /** ASCII whitespace only: DuckDB treats other characters as part of identifiers. */
    private static boolean isWhitespace(char c) {
        return c < 0x80 && Character.isWhitespace(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** DuckDB's {@code ident_start}: {@code [A-Za-z\200-\377_]}. */
    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** DuckDB's {@code ident_cont}: {@code [A-Za-z\200-\377_0-9\$]}. */
    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    /** DuckDB's {@code dolq_cont}: like an identifier, without {@code $}. */
    private static boolean isTagPart(char c) {
        return isWordStart(c) || isDigit(c);
    }

    // ---------------------------------------------------------------------------------------
    // DuckDB's Parser::StripUnicodeSpaces, which runs before its scanner.

    /**
     * {@code sql} with each Unicode space that DuckDB replaces by a plain space before scanning
     * turned into {@code ' '}; same length, so token ranges fit the original text. DuckDB finds
     * those spaces with a simple pass of its own over the UTF-8 bytes (it knows quotes, dollar
     * quotes and {@code --} comments, not block comments or {@code E'\''}) and repeats it until
     * nothing changes; this does the same.
     */
    static String engineSpaces(String sql) {
        if (sql.chars().allMatch(c -> c < 0x80)) {
            return sql;
        }
        char[] chars = sql.toCharArray();
        while (stripPass(chars)) {
            // repeat, as DuckDB parses the stripped text again
        }
        return new String(chars);
    }

    /**
     * One pass of DuckDB's byte-wise scan, done per UTF-16 unit while keeping the UTF-8 byte offset
     * ({@code b}) for its end-of-text limits; returns whether it replaced anything.
     */
    private static boolean stripPass(char[] s) {
        int size = 0;
        for (char c : s) {
            size += utf8Length(c);
        }
        List<Integer> found = new ArrayList<>();
        int i = 0;
        int b = 0;
        int state = REGULAR;
        char quote = 0;
        int tagStart = 0;
        int tagLength = 0;
        int tagBytes = 0;
        scan:
        while (true) {
            switch (state) {
                case REGULAR -> {
                    while (b + 2 < size) {
                        char c = s[i];
                        if (isEngineSpace(c)) {
                            found.add(i);
                        } else if (c == '\'' || c == '"') {
                            quote = c;
                            b++;
                            i++;
                            state = IN_QUOTES;
                            continue scan;
                        } else if (c == '$' && (s[i + 1] == '$' || isTagStart(s[i + 1]))) {
                            b++;
                            i++;
                            tagStart = i;
                            tagBytes = 0;
                            while (b + 2 < size) {
                                if (s[i] == '$') {
                                    tagLength = i - tagStart;
                                    state = IN_DOLLAR_QUOTES;
                                    continue scan;
                                }
                                if (!isTagPart(s[i])) {
                                    continue scan;
                                }
                                tagBytes += utf8Length(s[i]);
                                b += utf8Length(s[i]);
                                i++;
                            }
                            break scan;
                        } else if (c == '-' && s[i + 1] == '-') {
                            state = IN_COMMENT;
                            continue scan;
                        }
                        b += utf8Length(c);
                        i++;
                    }
                    break scan;
                }
                case IN_QUOTES -> {
                    while (b + 1 < size) {
                        if (s[i] == quote) {
                            if (s[i + 1] == quote) {
                                b += 2;
                                i += 2;
                                continue;
                            }
                            b++;
                            i++;
                            state = REGULAR;
                            continue scan;
                        }
                        b += utf8Length(s[i]);
                        i++;
                    }
                    break scan;
                }
                case IN_DOLLAR_QUOTES -> {
                    while (b + 2 < size) {
                        if (s[i] == '$' && size - (b + 1) >= tagBytes + 1 && i + 1 + tagLength < s.length
                                && Arrays.equals(s, i + 1, i + 1 + tagLength, s, tagStart, tagStart + tagLength)
                                && s[i + 1 + tagLength] == '$') {
                            b += tagBytes + 1;
                            i += tagLength + 1;
                            state = REGULAR;
                            continue scan;
                        }
                        b += utf8Length(s[i]);
                        i++;
                    }
                    break scan;
                }
                default -> {
                    while (b < size) {
                        if (s[i] == '\n' || s[i] == '\r') {
                            state = REGULAR;
                            continue scan;
                        }
                        b += utf8Length(s[i]);
                        i++;
                    }
                    break scan;
                }
            }
        }
        for (int at : found) {
            s[at] = ' ';
        }
        return !found.isEmpty();
    }

    private static final int REGULAR = 0;
    private static final int IN_QUOTES = 1;
    private static final int IN_DOLLAR_QUOTES = 2;
    private static final int IN_COMMENT = 3;

    /** U+00A0, U+2000..U+200B, U+202F, U+205F, U+2060, U+3000 and U+FEFF. */
    private static boolean isEngineSpace(char c) {
        return c == '\u00A0' || (c >= '\u2000' && c <= '\u200B') || c == '\u202F' || c == '\u205F' || c == '\u2060'
                || c == '\u3000' || c == '\uFEFF';
    }

    /** Bytes of one UTF-16 unit in UTF-8; each half of a surrogate pair counts two. */
    private static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }

    private static boolean isTagStart(char c) {
        return isWordStart(c);
    }
}
