package isa.duckdb.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What SQL a tenant may send. DuckDB itself runs sandboxed (no file system, locked settings); this
 * policy refuses, before anything runs, the statements that manage the engine rather than the
 * tenant's data, so that a script with one such statement runs none of its statements.
 *
 * <p>A statement is judged by its command words, found after any prefix that makes DuckDB run
 * the statement that follows it: {@code EXPLAIN [ANALYZE|ANALYSE] [VERBOSE]}, {@code EXPLAIN
 * (options)} and {@code PREPARE name [(types)] AS}.
 */
public final class ClientSqlPolicy {
    private static final Set<String> FORBIDDEN_FIRST_WORDS = Set.of(
            "ATTACH", "DETACH", "INSTALL", "LOAD", "FORCE", "SET", "RESET", "COPY", "EXPORT", "IMPORT", "USE");
    private static final Set<String> READ_ONLY_PRAGMAS = Set.of(
            "TABLE_INFO", "SHOW_TABLES", "SHOW_TABLES_EXPANDED", "DATABASE_SIZE", "STORAGE_INFO", "VERSION",
            "SHOW", "FUNCTIONS", "COLLATIONS", "PLATFORM", "METADATA_INFO", "USER_AGENT");
    private static final Set<String> SECRET_QUALIFIERS = Set.of("OR", "REPLACE", "PERSISTENT", "TEMPORARY", "TEMP");
    private static final int COMMAND_WORDS = 6;

    private ClientSqlPolicy() {
    }

    /** @throws ServiceException INVALID_ARGUMENT naming the first refused statement */
    public static void check(SqlScript script) {
        for (List<SqlToken> statement : script.statements()) {
            check(new Cursor(script.sql(), statement));
        }
    }

    private static void check(Cursor cursor) {
        skipPrefixes(cursor);
        List<String> statement = cursor.words(COMMAND_WORDS);
        if (statement.isEmpty()) {
            return;
        }
        String first = statement.get(0);
        if (first.equals("FORCE") && statement.size() > 1 && statement.get(1).equals("CHECKPOINT")) {
            return;
        }
        if (FORBIDDEN_FIRST_WORDS.contains(first)) {
            throw refused(first);
        }
        if (first.equals("PRAGMA") && (statement.size() < 2 || !READ_ONLY_PRAGMAS.contains(statement.get(1)))) {
            throw refused("PRAGMA " + (statement.size() > 1 ? statement.get(1).toLowerCase(Locale.ROOT) : ""));
        }
        if ((first.equals("CREATE") || first.equals("DROP")) && namesSecret(statement)) {
            throw refused(first + " SECRET");
        }
        if (first.equals("UPDATE") && statement.size() == 2 && statement.get(1).equals("EXTENSIONS")
                && !cursor.nextIsWord()) {
            throw refused("UPDATE EXTENSIONS");
        }
    }

    /** Moves past EXPLAIN and PREPARE prefixes (and opening parentheses) to the statement they run. */
    private static void skipPrefixes(Cursor cursor) {
        while (true) {
            cursor.skipOpenParentheses();
            if (cursor.nextIsWord("EXPLAIN")) {
                cursor.advance();
                if (cursor.nextIs("(")) {
                    cursor.skipBalancedParentheses();
                } else {
                    if (cursor.nextIsWord("ANALYZE") || cursor.nextIsWord("ANALYSE")) {
                        cursor.advance();
                    }
                    if (cursor.nextIsWord("VERBOSE")) {
                        cursor.advance();
                    }
                }
            } else if (cursor.nextIsWord("PREPARE")) {
                cursor.advance();
                cursor.advance(); // the statement's name
                if (cursor.nextIs("(")) {
                    cursor.skipBalancedParentheses();
                }
                if (cursor.nextIsWord("AS")) {
                    cursor.advance();
                }
            } else {
                return;
            }
        }
    }

    private static boolean namesSecret(List<String> statement) {
        for (String word : statement.subList(1, statement.size())) {
            if (word.equals("SECRET")) {
                return true;
            }
            if (!SECRET_QUALIFIERS.contains(word)) {
                return false;
            }
        }
        return false;
    }

    private static ServiceException refused(String what) {
        return ServiceException.invalid(what.trim() + " statements are not allowed: the service manages"
                + " files, attachments, settings, secrets and extensions itself");
    }

    /** Walks the significant tokens (no whitespace, no comments) of one statement. */
    private static final class Cursor {
        private final String sql;
        private final List<SqlToken> tokens;
        private int index;

        Cursor(String sql, List<SqlToken> statement) {
            this.sql = sql;
            this.tokens = statement.stream().filter(t -> !t.isTrivia()).toList();
        }

        boolean nextIs(String symbol) {
            return index < tokens.size() && tokens.get(index).kind() == SqlToken.Kind.SYMBOL
                    && tokens.get(index).text(sql).equals(symbol);
        }

        boolean nextIsWord() {
            return index < tokens.size() && tokens.get(index).kind() == SqlToken.Kind.WORD;
        }

        boolean nextIsWord(String upperCaseWord) {
            return nextIsWord() && tokens.get(index).text(sql).toUpperCase(Locale.ROOT).equals(upperCaseWord);
        }

        void advance() {
            index = Math.min(index + 1, tokens.size());
        }

        void skipOpenParentheses() {
            while (nextIs("(")) {
                advance();
            }
        }

        /** From an opening parenthesis to just past its partner (or to the end). */
        void skipBalancedParentheses() {
            int depth = 0;
            while (index < tokens.size()) {
                if (nextIs("(")) {
                    depth++;
                } else if (nextIs(")")) {
                    depth--;
                }
                advance();
                if (depth == 0) {
                    return;
                }
            }
        }

        /** Up to {@code count} words in a row from here, upper-cased; the cursor moves past them. */
        List<String> words(int count) {
            List<String> words = new ArrayList<>();
            while (words.size() < count && nextIsWord()) {
                words.add(tokens.get(index).text(sql).toUpperCase(Locale.ROOT));
                advance();
            }
            return words;
        }
    }
}
