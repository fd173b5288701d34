package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The views, macros and tables of one database whose stored SQL (a view's query, a macro's body, a column default,
 * a CHECK constraint) {@link EngineSqlPolicy} refuses: made before the policy existed, or brought in by a restore.
 * New ones cannot appear (their SQL is checked when they are created), so the set is read when the database opens
 * and again only when a statement names one of them (it may have been dropped or replaced since). A tenant's
 * statement that names one is refused, except {@code DROP}.
 */
final class StoredSql {
    private static final String[] QUERIES = {
        "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal",
        "SELECT function_name, macro_definition FROM duckdb_functions() WHERE NOT internal"
                + " AND macro_definition IS NOT NULL",
        "SELECT table_name, column_default FROM duckdb_columns() WHERE NOT internal AND column_default IS NOT NULL",
        "SELECT table_name, expression FROM duckdb_constraints() WHERE constraint_type = 'CHECK'"
                + " AND expression IS NOT NULL",
    };

    private volatile Set<String> refused;

    /** Reads the database's stored SQL through the service's own connection. */
    StoredSql(Connection connection) {
        this.refused = read(connection);
    }

    /** The lower-case names of the objects whose stored SQL is refused. */
    Set<String> refused() {
        return refused;
    }

    /**
     * @param connection where to read the catalog again when the SQL names a refused object
     * @throws ServiceException INVALID_ARGUMENT when the SQL (other than a DROP) names such an object
     */
    void check(String sql, Connection connection) {
        Set<String> names = refused;
        if (names.isEmpty() || EngineSqlPolicy.firstNamed(sql, names).isEmpty()) {
            return;
        }
        names = read(connection);
        refused = names;
        Optional<String> named = EngineSqlPolicy.firstNamed(sql, names);
        if (named.isPresent()) {
            throw ServiceException.invalid(named.get() + " is not allowed: it was stored with SQL the service refuses"
                    + " (made before this check, or restored); drop it and create it again");
        }
    }

    /**
     * The objects whose stored SQL the policy refuses, and then, until nothing changes, those whose stored SQL names
     * one of them (a view over such a view).
     */
    private static Set<String> read(Connection connection) {
        Map<String, String> stored = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String query : QUERIES) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        stored.merge(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2),
                                (a, b) -> a + "\n;\n" + b);
                    }
                }
            }
        } catch (SQLException e) {
            throw new ServiceException(ErrorKind.INTERNAL, "the database's stored views and macros cannot be read", e);
        }
        Set<String> names = new HashSet<>();
        stored.forEach((name, sql) -> {
            if (refuses(sql)) {
                names.add(name);
            }
        });
        boolean grew = !names.isEmpty();
        while (grew) {
            grew = false;
            for (Map.Entry<String, String> object : stored.entrySet()) {
                if (!names.contains(object.getKey())
                        && EngineSqlPolicy.firstNamed(object.getValue(), names).isPresent()) {
                    grew |= names.add(object.getKey());
                }
            }
        }
        return Set.copyOf(names);
    }

    private static boolean refuses(String storedSql) {
        try {
            EngineSqlPolicy.checkFragment(storedSql);
            return false;
        } catch (ServiceException e) {
            return true;
        }
    }
}
