package isa.duckdb.domain;

import java.util.List;

/**
 * Older clients name the caller's table {@code events} as {@code user_{user_id}_events}. This
 * accepts the caller's own prefix as an alias of the unprefixed name: in table and view names
 * given to the table RPCs, and in identifiers of SQL text (words and quoted names; never inside
 * string literals or comments). The prefix is {@code user_} + the user id exactly as given
 * (case-sensitive) + {@code _}; when the id holds characters that cannot appear in a bare SQL
 * word, the form with each of them replaced by {@code _} is accepted too
 * ({@code test-user} → {@code user_test_user_}). Another tenant's prefix is left alone.
 */
public final class LegacyTablePrefix {
    private final List<String> prefixes;

    private LegacyTablePrefix(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    public static LegacyTablePrefix of(TenantId tenant) {
        String exact = "user_" + tenant.id() + "_";
        String wordSafe = "user_" + wordSafe(tenant.id()) + "_";
        return new LegacyTablePrefix(exact.equals(wordSafe) ? List.of(exact) : List.of(exact, wordSafe));
    }

    /** The name without the caller's prefix; other names unchanged. */
    public String stripName(String name) {
        if (name == null) {
            return null;
        }
        for (String prefix : prefixes) {
            if (name.length() > prefix.length() && name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    /** A table or view name argument: the prefix is stripped from the name, not from the schema. */
    public QualifiedName strip(QualifiedName name) {
        return name.withName(Identifier.of(stripName(name.name().value())));
    }

    /** The SQL with every identifier carrying the caller's prefix rewritten to the unprefixed name. */
    public String rewriteSql(String sql) {
        if (sql == null || prefixes.stream().noneMatch(sql::contains)) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        for (SqlToken token : SqlLexer.tokenize(sql)) {
            String text = token.text(sql);
            if (token.kind() == SqlToken.Kind.WORD) {
                out.append(rewriteWord(text));
            } else if (token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER) {
                out.append(rewriteQuoted(text));
            } else {
                out.append(text);
            }
        }
        return out.toString();
    }

    private String rewriteWord(String word) {
        String stripped = stripName(word);
        return stripped.equals(word) || !startsLikeAWord(stripped) ? word : stripped;
    }

    private String rewriteQuoted(String quoted) {
        if (quoted.length() < 2 || !quoted.endsWith("\"")) {
            return quoted;
        }
        String name = quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
        String stripped = stripName(name);
        return stripped.equals(name) ? quoted : '"' + stripped.replace("\"", "\"\"") + '"';
    }

    /** DuckDB's {@code ident_start}: a letter, {@code _} or any non-ASCII character. */
    private static boolean startsLikeAWord(String text) {
        char c = text.charAt(0);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static String wordSafe(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (char c : id.toCharArray()) {
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            out.append(plain ? c : '_');
        }
        return out.toString();
    }
}
