package isa.duckdb.domain;

import static isa.duckdb.domain.SqlCharacters.isTagPart;
import static isa.duckdb.domain.SqlCharacters.isWordStart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DuckDB's {@code Parser::StripUnicodeSpaces}, the pre-pass that runs before its scanner and turns
 * the Unicode spaces U+00A0, U+2000..U+200B, U+202F, U+205F, U+2060, U+3000 and U+FEFF into plain
 * spaces wherever its own simple scan finds them outside quotes, dollar quotes and {@code --}
 * comments. DuckDB walks the UTF-8 bytes, so its end-of-text limits are byte offsets; this walks
 * UTF-16 units while counting the same bytes, so it stops where DuckDB stops.
 */
final class UnicodeSpaces {
    private static final int REGULAR = 0;
    private static final int IN_QUOTES = 1;
    private static final int IN_DOLLAR_QUOTES = 2;
    private static final int IN_COMMENT = 3;

    private UnicodeSpaces() {
    }

    /**
     * {@code sql} with each Unicode space that DuckDB replaces by a plain space before scanning
     * turned into {@code ' '}; same length, so token ranges fit the original text. DuckDB finds
     * those spaces with a simple pass of its own over the UTF-8 bytes (it knows quotes, dollar
     * quotes and {@code --} comments, not block comments or {@code E'\''}) and repeats it until
     * nothing changes; this does the same.
     */
    static String asPlainSpaces(String sql) {
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
                        } else if (c == '$' && (s[i + 1] == '$' || isWordStart(s[i + 1]))) {
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
}
