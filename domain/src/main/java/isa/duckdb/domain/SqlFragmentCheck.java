package isa.duckdb.domain;

import java.util.List;

/**
 * Checks that caller text is one self-contained piece of SQL that can be placed inside a
 * statement the service writes, without changing anything around it: no statement separator, no
 * comment (which could hide the service's own text after it), no placeholder, every string and
 * quoted name closed, and every parenthesis and bracket closed in order.
 */
final class SqlFragmentCheck {
    static final int MAX_LENGTH = 64 * 1024;

    private SqlFragmentCheck() {
    }

    /** @param what how to name the text in an error, e.g. "data_type of column 'id'" */
    static String check(String what, String text) {
        if (text == null || text.isBlank()) {
            throw ServiceException.invalid(what + " is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw ServiceException.invalid(what + " is longer than " + MAX_LENGTH + " characters");
        }
        if (text.indexOf('\0') >= 0) {
            throw ServiceException.invalid(what + " contains a NUL character");
        }
        List<SqlToken> tokens = SqlLexer.tokenize(text);
        StringBuilder open = new StringBuilder();
        for (SqlToken token : tokens) {
            String piece = token.text(text);
            switch (token.kind()) {
                case SEMICOLON -> throw refused(what, "';' (it must be one piece of SQL)");
                case COMMENT -> throw refused(what, "a comment");
                case PARAMETER -> throw refused(what, "a parameter placeholder");
                case STRING, QUOTED_IDENTIFIER -> {
                    if (!isClosed(piece)) {
                        throw refused(what, "an unterminated quote");
                    }
                }
                case SYMBOL -> checkNesting(what, piece, open);
                default -> {
                    // words and whitespace are what fragments are made of
                }
            }
        }
        if (open.length() > 0) {
            throw refused(what, "an unclosed '" + open.charAt(open.length() - 1) + "'");
        }
        return text.strip();
    }

    private static void checkNesting(String what, String symbol, StringBuilder open) {
        if (symbol.equals("(") || symbol.equals("[")) {
            open.append(symbol);
        } else if (symbol.equals(")") || symbol.equals("]")) {
            char expected = symbol.equals(")") ? '(' : '[';
            if (open.length() == 0 || open.charAt(open.length() - 1) != expected) {
                throw refused(what, "an unmatched '" + symbol + "'");
            }
            open.setLength(open.length() - 1);
        }
    }

    /** A string or quoted name is closed when it ends with its quote, not with an escaped one. */
    private static boolean isClosed(String piece) {
        if (piece.startsWith("$")) {
            int tagEnd = piece.indexOf('$', 1);
            String tag = piece.substring(0, tagEnd + 1);
            return piece.length() >= 2 * tag.length() && piece.endsWith(tag);
        }
        boolean escapeString = piece.startsWith("e") || piece.startsWith("E");
        String body = escapeString ? piece.substring(1) : piece;
        char quote = body.charAt(0);
        if (body.length() < 2 || body.charAt(body.length() - 1) != quote) {
            return false;
        }
        int i = 1;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (escapeString && c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < body.length() && body.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i == body.length() - 1;
            }
            i++;
        }
        return false;
    }

    private static ServiceException refused(String what, String problem) {
        return ServiceException.invalid(what + " may not contain " + problem);
    }
}
