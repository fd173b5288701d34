package isa.duckdb.adapters.duckdb;

import isa.duckdb.adapters.duckdb.EngineFunctions.Refusal;
import isa.duckdb.domain.ClientSqlPolicy;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlScript;
import isa.duckdb.domain.SqlToken;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The last check of a tenant's SQL before DuckDB sees it: the statements the domain's {@link ClientSqlPolicy}
 * refuses (ATTACH, COPY, SET, PRAGMA …), and every call of a function, table function or system view that
 * {@link EngineFunctions} refuses, wherever it stands: in any statement type (SELECT, INSERT, CREATE VIEW / MACRO /
 * TABLE … AS, CALL, EXPLAIN, PREPARE …), subquery, CTE, default expression or macro body, behind comments, Unicode
 * spaces, any case, quoted identifiers ({@code "QUERY"(…)}) and schema or catalog qualifiers
 * ({@code system.main.query(…)}).
 *
 * <p>It reads the tokens of the domain's {@code SqlLexer}, which follows DuckDB's own scanner (strings, {@code E''} strings,
 * dollar quotes, nested comments, Unicode spaces), so a name DuckDB reads as a call is a word or quoted identifier
 * followed by {@code (} here too. Views and macros are checked when they are created (their text passes here), so
 * using them later needs no check. Cost: one pass over the tokens, no engine round trip.
 *
 * <p>Refusals are INVALID_ARGUMENT, with a message {@code "<name>() is not allowed: it <reason>"}.
 */
final class EngineSqlPolicy {
    private static final Set<String> NOT_A_CALL_AFTER = Set.of("into", "table", "exists", "references", "view");
    /** Words after which a call is a table function (until a clause word at the same parenthesis depth). */
    private static final Set<String> FROM_WORDS = Set.of("from", "join", "lateral", "call", "pivot", "unpivot",
            "summarize", "describe", "show");
    private static final Set<String> CLAUSE_WORDS = Set.of("select", "where", "group", "having", "qualify", "window",
            "order", "limit", "offset", "set", "values", "returning", "union", "except", "intersect");

    private static final java.util.regex.Pattern FILE_SUFFIX = java.util.regex.Pattern.compile(
            "\\.(csv|tsv|txt|parquet|json|jsonl|ndjson|duckdb|db|arrow|gz|zst|xlsx|avro)$");

    private EngineSqlPolicy() {
    }

    /**
     * Checks a tenant's SQL text (one or more statements).
     *
     * @param trustedFiles absolute paths of files the service itself placed in the text as a file reader
     *     ({@code read_csv('<path>', …)} for QueryObject's {@code $FILE}); a reader of exactly such a path is allowed
     * @throws ServiceException INVALID_ARGUMENT naming the first refused statement or function
     */
    static void check(String sql, Set<String> trustedFiles) {
        SqlScript script = SqlScript.parse(sql);
        ClientSqlPolicy.check(script);
        scan(script, trustedFiles);
    }

    /** {@link #check(String, Set)} without trusted files. */
    static void check(String sql) {
        check(sql, Set.of());
    }

    /**
     * Checks a piece of tenant SQL the service places in its own statement: a view's query, a macro's body, a
     * column's default expression or type.
     */
    static void checkFragment(String fragment) {
        scan(SqlScript.parse(fragment), Set.of());
    }

    /**
     * The first of {@code names} (lower case) that the SQL names as a word or quoted identifier, outside
     * {@code DROP} statements; empty when none.
     */
    static Optional<String> firstNamed(String sql, Set<String> names) {
        SqlScript script = SqlScript.parse(sql);
        for (List<SqlToken> statement : script.statements()) {
            boolean first = true;
            for (SqlToken token : statement) {
                String name = token.isTrivia() ? null : name(script.sql(), token);
                if (name == null) {
                    first = first && token.isTrivia();
                    continue;
                }
                if (first && name.equals("drop")) {
                    break;
                }
                first = false;
                if (names.contains(name)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    private static void scan(SqlScript script, Set<String> trustedFiles) {
        for (List<SqlToken> statement : script.statements()) {
            List<SqlToken> significant = new ArrayList<>(statement.size());
            for (SqlToken token : statement) {
                if (!token.isTrivia()) {
                    significant.add(token);
                }
            }
            scan(script.sql(), significant, trustedFiles);
        }
    }

    /** One statement's significant tokens (no whitespace, no comments). */
    private static void scan(String sql, List<SqlToken> tokens, Set<String> trustedFiles) {
        Deque<Boolean> inFrom = new ArrayDeque<>();
        boolean from = false;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (isSymbol(sql, token, '(')) {
                inFrom.push(from);
                from = false;
                continue;
            }
            if (isSymbol(sql, token, ')')) {
                from = !inFrom.isEmpty() && inFrom.pop();
                continue;
            }
            if (from && isTablePosition(sql, tokens, i) && namesFile(sql, token)) {
                throw ServiceException.invalid("a file named as a table is not allowed: it " + Refusal.FILES.reason());
            }
            String name = name(sql, token);
            if (name == null) {
                continue;
            }
            if (token.kind() == SqlToken.Kind.WORD) {
                if (FROM_WORDS.contains(name)) {
                    from = true;
                } else if (CLAUSE_WORDS.contains(name)) {
                    from = false;
                }
            }
            Optional<Refusal> relation = EngineFunctions.ofRelation(name);
            if (relation.isPresent()) {
                throw refused(name, relation.get());
            }
            if (i + 1 < tokens.size() && isSymbol(sql, tokens.get(i + 1), '(') && !afterNonCallWord(sql, tokens, i)) {
                checkCall(sql, tokens, i, name, from, trustedFiles);
            }
        }
    }

    private static void checkCall(String sql, List<SqlToken> tokens, int at, String name, boolean inFrom,
            Set<String> trustedFiles) {
        String firstArgument = stringArgument(sql, tokens, at);
        Optional<Refusal> refusal = inFrom || firstArgument != null
                ? EngineFunctions.ofTableFunction(name) : EngineFunctions.ofFunction(name);
        if (refusal.isPresent()) {
            if (refusal.get() == Refusal.FILES && firstArgument != null && trustedFiles.contains(firstArgument)) {
                return;
            }
            throw refused(name, refusal.get());
        }
        if (name.equals("current_setting")) {
            boolean sole = at + 3 < tokens.size() && isSymbol(sql, tokens.get(at + 3), ')');
            if (firstArgument == null || !sole || !EngineFunctions.settingReadable(firstArgument)) {
                throw ServiceException.invalid("current_setting() is not allowed here: only for a setting named by a string"
                        + " literal that holds no server path or credential (e.g. current_setting('TimeZone'))");
            }
        }
    }

    /** Right after FROM, JOIN, … or a comma of a FROM clause: where DuckDB reads a table (or a file, by its name). */
    private static boolean isTablePosition(String sql, List<SqlToken> tokens, int at) {
        if (at == 0) {
            return false;
        }
        SqlToken previous = tokens.get(at - 1);
        return isSymbol(sql, previous, ',')
                || previous.kind() == SqlToken.Kind.WORD && FROM_WORDS.contains(previous.text(sql).toLowerCase(Locale.ROOT));
    }

    /**
     * DuckDB's replacement scans read a file named by a string ({@code FROM '/x.csv'}) or by a quoted name that looks
     * like one ({@code FROM "x.parquet"}) where a table stands.
     */
    private static boolean namesFile(String sql, SqlToken token) {
        if (token.kind() == SqlToken.Kind.STRING) {
            return true;
        }
        if (token.kind() != SqlToken.Kind.QUOTED_IDENTIFIER) {
            return false;
        }
        String name = name(sql, token);
        return name.contains("/") || name.contains("\\") || FILE_SUFFIX.matcher(name).find();
    }

    /** The value of a plain {@code '…'} literal right after the call's parenthesis, else null. */
    private static String stringArgument(String sql, List<SqlToken> tokens, int at) {
        if (at + 2 >= tokens.size()) {
            return null;
        }
        SqlToken argument = tokens.get(at + 2);
        String text = argument.text(sql);
        if (argument.kind() != SqlToken.Kind.STRING || !text.startsWith("'") || !text.endsWith("'")
                || text.length() < 2) {
            return null;
        }
        return text.substring(1, text.length() - 1).replace("''", "'");
    }

    /** {@code INSERT INTO query (a, b)}, {@code CREATE TABLE glob (…)}: a relation's column list, not a call. */
    private static boolean afterNonCallWord(String sql, List<SqlToken> tokens, int at) {
        while (at >= 2 && isSymbol(sql, tokens.get(at - 1), '.') && name(sql, tokens.get(at - 2)) != null) {
            at -= 2; // a qualifier: INSERT INTO main.query (a)
        }
        if (at == 0) {
            return false;
        }
        String previous = name(sql, tokens.get(at - 1));
        return previous != null && tokens.get(at - 1).kind() == SqlToken.Kind.WORD && NOT_A_CALL_AFTER.contains(previous);
    }

    /** The lower-case name a word or quoted identifier stands for, else null. */
    private static String name(String sql, SqlToken token) {
        String text = token.text(sql);
        if (token.kind() == SqlToken.Kind.WORD) {
            return text.toLowerCase(Locale.ROOT);
        }
        if (token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
            String inner = text.length() >= 2 && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text.substring(1);
            return inner.replace("\"\"", "\"").toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private static boolean isSymbol(String sql, SqlToken token, char symbol) {
        return token.kind() == SqlToken.Kind.SYMBOL && token.end() - token.start() == 1 && sql.charAt(token.start()) == symbol;
    }

    private static ServiceException refused(String name, Refusal refusal) {
        return ServiceException.invalid(name + "() is not allowed: it " + refusal.reason());
    }
}
