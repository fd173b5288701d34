package isa.duckdb.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SQL text cut into statements at top-level semicolons, with each statement's leading keywords. */
public final class SqlScript {
    private static final java.util.Set<String> DATA_CHANGES = java.util.Set.of("INSERT", "UPDATE", "DELETE", "MERGE");
    private final String sql;
    private final List<List<SqlToken>> statements;

    private SqlScript(String sql, List<List<SqlToken>> statements) {
        this.sql = sql;
        this.statements = statements;
    }

    public static SqlScript parse(String sql) {
        List<List<SqlToken>> statements = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        for (SqlToken token : SqlLexer.tokenize(sql)) {
            if (token.kind() == SqlToken.Kind.SEMICOLON) {
                addIfMeaningful(statements, current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        addIfMeaningful(statements, current);
        return new SqlScript(sql, List.copyOf(statements));
    }

    private static void addIfMeaningful(List<List<SqlToken>> statements, List<SqlToken> tokens) {
        if (tokens.stream().anyMatch(t -> !t.isTrivia())) {
            statements.add(List.copyOf(tokens));
        }
    }

    /** The text the script was parsed from; token ranges index into it. */
    public String sql() {
        return sql;
    }

    /** Each statement's tokens, whitespace and comments included, separators left out. */
    public List<List<SqlToken>> statements() {
        return statements;
    }

    public int statementCount() {
        return statements.size();
    }

    public boolean isEmpty() {
        return statements.isEmpty();
    }

    /** The first {@code count} words of each statement, upper-cased, skipping comments and parentheses. */
    public List<List<String>> leadingKeywords(int count) {
        List<List<String>> result = new ArrayList<>();
        for (List<SqlToken> statement : statements) {
            List<String> words = new ArrayList<>();
            for (SqlToken token : statement) {
                if (words.size() == count) {
                    break;
                }
                if (token.kind() == SqlToken.Kind.WORD) {
                    words.add(token.text(sql).toUpperCase(Locale.ROOT));
                } else if (!token.isTrivia() && !"(".equals(token.text(sql))) {
                    break;
                }
            }
            result.add(words);
        }
        return result;
    }

    /**
     * Whether the last statement changes rows: an INSERT, UPDATE, DELETE or MERGE, also behind a
     * WITH clause. Such a statement's RETURNING rows are the rows it changed.
     */
    public boolean lastChangesRows() {
        if (statements.isEmpty()) {
            return false;
        }
        List<SqlToken> last = statements.get(statements.size() - 1);
        List<String> lead = leadingKeywords(1).get(statements.size() - 1);
        if (lead.isEmpty() || !(lead.get(0).equals("WITH") || DATA_CHANGES.contains(lead.get(0)))) {
            return false;
        }
        int depth = 0;
        for (SqlToken token : last) {
            String text = token.text(sql);
            if ("(".equals(text)) {
                depth++;
            } else if (")".equals(text)) {
                depth--;
            } else if (depth == 0 && token.kind() == SqlToken.Kind.WORD
                    && DATA_CHANGES.contains(text.toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The first keyword of the first statement, or empty. */
    public String firstKeyword() {
        List<List<String>> keywords = leadingKeywords(1);
        return keywords.isEmpty() || keywords.get(0).isEmpty() ? "" : keywords.get(0).get(0);
    }
}
