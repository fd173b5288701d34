package isa.duckdb.domain;

import java.util.List;

/**
 * A caller's query that the service places inside its own statement ({@code COPY (…) TO …}, a
 * file query). It must be one statement the policy allows, with balanced parentheses, so it
 * cannot close the service's parenthesis and append its own clauses. (Text left inside an
 * unterminated comment or string only makes the service's statement fail to parse.)
 */
public final class EmbeddedQuery {
    private EmbeddedQuery() {
    }

    public static String check(String sql) {
        SqlScript script = SqlScript.parse(sql == null ? "" : sql);
        if (script.statementCount() != 1) {
            throw ServiceException.invalid("the query must be exactly one statement");
        }
        ClientSqlPolicy.check(script);
        int depth = 0;
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        for (SqlToken token : tokens) {
            String text = token.text(sql);
            if (token.kind() == SqlToken.Kind.SYMBOL && text.equals("(")) {
                depth++;
            } else if (token.kind() == SqlToken.Kind.SYMBOL && text.equals(")")) {
                depth--;
                if (depth < 0) {
                    throw ServiceException.invalid("the query closes a parenthesis it did not open");
                }
            } else if (token.kind() == SqlToken.Kind.SEMICOLON) {
                throw ServiceException.invalid("the query must be exactly one statement, without ';'");
            }
        }
        if (depth != 0) {
            throw ServiceException.invalid("the query leaves a parenthesis open");
        }
        return sql;
    }
}
