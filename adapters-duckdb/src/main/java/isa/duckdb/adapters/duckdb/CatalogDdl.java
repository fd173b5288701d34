package isa.duckdb.adapters.duckdb;

import isa.duckdb.domain.ColumnDefinition;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.SqlLiteral;
import isa.duckdb.domain.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * DuckDB statements for validated definitions. Names only ever appear quoted, comments as string
 * literals, and types and expressions (checked to be one closed piece of SQL each) inside
 * positions they cannot leave.
 */
final class CatalogDdl {
    private CatalogDdl() {
    }

    /** CREATE TABLE, then a COMMENT ON for the table and each commented column. */
    static List<String> createTable(TableDefinition table) {
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition column : table.columns()) {
            columns.add(column(column, isSoleKey(table, column)));
        }
        if (!table.primaryKey().isEmpty()) {
            columns.add("PRIMARY KEY (" + table.primaryKey().stream().map(Identifier::quoted)
                    .collect(Collectors.joining(", ")) + ")");
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + table.name().quoted() + " (\n  " + String.join(",\n  ", columns) + "\n)");
        if (!table.comment().isEmpty()) {
            statements.add("COMMENT ON TABLE " + table.name().quoted() + " IS " + SqlLiteral.string(table.comment()));
        }
        for (ColumnDefinition column : table.columns()) {
            if (!column.comment().isEmpty()) {
                statements.add("COMMENT ON COLUMN " + table.name().quoted() + "." + column.name().quoted() + " IS "
                        + SqlLiteral.string(column.comment()));
            }
        }
        return statements;
    }

    private static String column(ColumnDefinition column, boolean soleKey) {
        StringBuilder sql = new StringBuilder(column.name().quoted()).append(' ').append(column.type().text());
        column.defaultValue().ifPresent(value -> sql.append(" DEFAULT (").append(value.text()).append(')'));
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        if (column.unique() && !soleKey) {
            sql.append(" UNIQUE");
        }
        return sql.toString();
    }

    /** A one-column primary key makes its column unique already. */
    private static boolean isSoleKey(TableDefinition table, ColumnDefinition column) {
        return table.primaryKey().size() == 1 && table.primaryKey().get(0).value().toLowerCase(Locale.ROOT)
                .equals(column.name().value().toLowerCase(Locale.ROOT));
    }

    static String castProbe(String type) {
        return "SELECT CAST(NULL AS " + type + ") AS probe";
    }

    static String createMacro(MacroDefinition macro) {
        String parameters = macro.parameters().stream().map(Identifier::quoted).collect(Collectors.joining(", "));
        String body;
        if (macro.table()) {
            body = "TABLE " + macro.body().text();
        } else {
            body = macro.returnType()
                    .map(type -> "CAST((" + macro.body().text() + ") AS " + type.text() + ")")
                    .orElse("(" + macro.body().text() + ")");
        }
        return "CREATE OR REPLACE MACRO " + macro.name().quoted() + "(" + parameters + ") AS " + body;
    }

    static String createView(QualifiedName name, String query, boolean replace) {
        return "CREATE " + (replace ? "OR REPLACE " : "") + "VIEW " + name.quoted() + " AS " + query;
    }

    static String dropTable(QualifiedName name, boolean ifExists, boolean cascade) {
        return "DROP TABLE " + (ifExists ? "IF EXISTS " : "") + name.quoted() + (cascade ? " CASCADE" : "");
    }

    static String dropView(QualifiedName name) {
        return "DROP VIEW " + name.quoted();
    }

    static String rowCount(String schema, String table) {
        return "SELECT count(*) FROM " + Identifier.quote(schema) + "." + Identifier.quote(table);
    }
}
