package isa.duckdb.application.port.out;

import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits the fake engine's SQL subset into tokens; comments and whitespace are dropped. */
final class FakeLexer {
    enum Kind { WORD, QUOTED, STRING, NUMBER, PARAMETER, SYMBOL }

    /** A token; {@code text} is unquoted for names and strings, {@code start}/{@code end} index the source. */
    record Token(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private FakeLexer() {
    }

    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int pos = 0;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            int start = pos;
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (sql.startsWith("--", pos)) {
                int end = sql.indexOf('\n', pos);
                pos = end < 0 ? sql.length() : end + 1;
            } else if (c == '\'' || c == '"') {
                StringBuilder text = new StringBuilder();
                pos++;
                while (true) {
                    if (pos >= sql.length()) {
                        throw ServiceException.invalid("Parser Error: unterminated quoted string at or near " + c);
                    }
                    char d = sql.charAt(pos++);
                    if (d == c && pos < sql.length() && sql.charAt(pos) == c) {
                        text.append(c);
                        pos++;
                    } else if (d == c) {
                        break;
                    } else {
                        text.append(d);
                    }
                }
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, text.toString(), start, pos));
            } else if (Character.isDigit(c)) {
                while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                    pos++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(start, pos), start, pos));
            } else if (c == '?' || (c == '$' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
                pos++;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Kind.PARAMETER, sql.substring(start, pos), start, pos));
            } else if (Character.isLetter(c) || c == '_') {
                while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, pos), start, pos));
            } else {
                pos++;
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), start, pos));
            }
        }
        return tokens;
    }
}
