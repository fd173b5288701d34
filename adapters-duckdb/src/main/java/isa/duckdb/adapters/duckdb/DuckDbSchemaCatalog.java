package isa.duckdb.adapters.duckdb;

import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.domain.ColumnDefinition;
import isa.duckdb.domain.ColumnDescription;
import isa.duckdb.domain.ColumnStatistics;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.ExtensionName;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlLiteral;
import isa.duckdb.domain.SqlType;
import isa.duckdb.domain.TableDefinition;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The catalog of one DuckDB database, through duckdb_tables(), duckdb_columns(), duckdb_constraints() and friends. */
final class DuckDbSchemaCatalog implements SchemaCatalog {
    private static final String BASE_TABLE = "BASE TABLE";

    private final SqlRunner sql;
    private final Consumer<String> tenantSql;

    /**
     * @param tenantSql checks each piece of tenant SQL placed in the catalog's statements (a view's query, a macro's
     *     body, a column's type or default); throws ServiceException to refuse it
     */
    DuckDbSchemaCatalog(SqlRunner sql, Consumer<String> tenantSql) {
        this.sql = sql;
        this.tenantSql = tenantSql;
    }

    private record TableKey(String schema, String table) {
    }

    private record KeyColumn(String type, long width, String column) {
    }

    @Override
    public void createTable(TableDefinition table) {
        for (ColumnDefinition column : table.columns()) {
            tenantSql.accept(column.type().text());
            column.defaultValue().ifPresent(value -> tenantSql.accept(value.text()));
            checkType(column.type(), "data_type of column '" + SafeText.quote(column.name().value()) + "'");
        }
        sql.executeAll(CatalogDdl.createTable(table));
    }

    /** Has DuckDB read the text as exactly one type, in a position where nothing else fits. */
    private void checkType(SqlType type, String what) {
        List<String> types;
        try {
            types = sql.resultTypes(CatalogDdl.castProbe(type.text()));
        } catch (ServiceException e) {
            throw ServiceException.invalid(what + " '" + SafeText.quote(type.text()) + "' is not a DuckDB type: "
                    + e.detail().lines().findFirst().orElse(""));
        }
        if (types.size() != 1) {
            throw ServiceException.invalid(what + " '" + SafeText.quote(type.text()) + "' is not one DuckDB type");
        }
    }

    @Override
    public boolean tableExists(QualifiedName name) {
        return find(name).isPresent();
    }

    private Optional<TableKey> find(QualifiedName name) {
        String schema = name.schemaName();
        String table = name.name().value();
        return sql.query(CatalogQueries.FIND_TABLE, List.of(schema, table, schema, table),
                rows -> new TableKey(rows.getString(1), rows.getString(2))).stream().findFirst();
    }

    @Override
    public Optional<TableDescription> describeTable(QualifiedName name) {
        String schema = name.schemaName();
        String table = name.name().value();
        return sql.query(CatalogQueries.FIND_TABLE, List.of(schema, table, schema, table),
                rows -> new Object[] {rows.getString(1), rows.getString(2), rows.getString(3)})
                .stream()
                .findFirst()
                .map(row -> describe(new TableKey((String) row[0], (String) row[1]), (String) row[2]));
    }

    @Override
    public List<TableDescription> listTables(Optional<String> schema, String nameFilter) {
        String schemaName = schema.orElse(null);
        List<Object[]> tables = sql.query(CatalogQueries.LIST_TABLES,
                Arrays.asList(schemaName, schemaName, nameFilter == null ? "" : nameFilter),
                rows -> new Object[] {rows.getString(1), rows.getString(2), rows.getString(3)});
        if (tables.isEmpty()) {
            return List.of();
        }
        Map<TableKey, List<ColumnDescription>> columns = columns(null);
        List<TableDescription> result = new ArrayList<>();
        for (Object[] row : tables) {
            TableKey key = new TableKey((String) row[0], (String) row[1]);
            result.add(new TableDescription(key.schema(), key.table(), BASE_TABLE,
                    columns.getOrDefault(key, List.of()), rowCount(key), estimatedSize(key), (String) row[2]));
        }
        return result;
    }

    private TableDescription describe(TableKey key, String comment) {
        return new TableDescription(key.schema(), key.table(), BASE_TABLE, columns(key).getOrDefault(key, List.of()),
                rowCount(key), estimatedSize(key), comment);
    }

    /** Columns with their key and unique flags, of one table or (key null) of every table. */
    private Map<TableKey, List<ColumnDescription>> columns(TableKey only) {
        List<String> filter = only == null
                ? Arrays.asList(null, null, null, null)
                : List.of(only.schema(), only.schema(), only.table(), only.table());
        Map<TableKey, List<KeyColumn>> keys = new HashMap<>();
        for (Object[] row : sql.query(CatalogQueries.KEY_COLUMNS, filter, rows -> new Object[] {
                new TableKey(rows.getString(1), rows.getString(2)),
                new KeyColumn(rows.getString(3), rows.getLong(4), rows.getString(5))})) {
            keys.computeIfAbsent((TableKey) row[0], k -> new ArrayList<>()).add((KeyColumn) row[1]);
        }
        Map<TableKey, List<ColumnDescription>> columns = new HashMap<>();
        for (Object[] row : sql.query(CatalogQueries.COLUMNS, filter, rows -> new Object[] {
                new TableKey(rows.getString(1), rows.getString(2)), rows.getString(3), rows.getString(4),
                rows.getBoolean(5), rows.getString(6), rows.getString(7)})) {
            TableKey table = (TableKey) row[0];
            String name = (String) row[1];
            List<KeyColumn> tableKeys = keys.getOrDefault(table, List.of());
            boolean primaryKey = tableKeys.stream()
                    .anyMatch(k -> k.type().equals("PRIMARY KEY") && k.column().equals(name));
            boolean unique = tableKeys.stream().anyMatch(k -> k.width() == 1 && k.column().equals(name));
            columns.computeIfAbsent(table, k -> new ArrayList<>()).add(new ColumnDescription(name, (String) row[2],
                    (Boolean) row[3], (String) row[4], primaryKey, unique, (String) row[5]));
        }
        return columns;
    }

    private long rowCount(TableKey table) {
        return sql.query(CatalogDdl.rowCount(table.schema(), table.table()), List.of(), rows -> rows.getLong(1)).get(0);
    }

    /** 0 for a name DuckDB's storage_info cannot look up (one with a double quote in it). */
    private long estimatedSize(TableKey table) {
        if (table.schema().contains("\"") || table.table().contains("\"")) {
            return 0;
        }
        String name = SqlLiteral.string(Identifier.quote(table.schema()) + "." + Identifier.quote(table.table()));
        return sql.query(CatalogQueries.ESTIMATED_SIZE.formatted(name), List.of(), rows -> rows.getLong(1)).get(0);
    }

    @Override
    public void dropTable(QualifiedName name, boolean ifExists, boolean cascade) {
        sql.execute(CatalogDdl.dropTable(name, ifExists, cascade));
    }

    @Override
    public Optional<TableStatistics> tableStatistics(QualifiedName name, boolean includeColumns) {
        return find(name).map(key -> {
            List<ColumnStatistics> columnStatistics = includeColumns
                    ? new ColumnStatisticsReader(sql, key.schema(), key.table())
                            .read(columns(key).getOrDefault(key, List.of()))
                    : List.of();
            return new TableStatistics(key.table(), rowCount(key), estimatedSize(key), columnStatistics);
        });
    }

    @Override
    public void createView(QualifiedName name, String query, boolean replace) {
        tenantSql.accept(query);
        sql.execute(CatalogDdl.createView(name, query, replace));
    }

    @Override
    public boolean viewExists(QualifiedName name) {
        return !sql.query(CatalogQueries.FIND_VIEW, List.of(name.schemaName(), name.name().value()), rows -> true)
                .isEmpty();
    }

    @Override
    public List<String> listViews() {
        return sql.query(CatalogQueries.LIST_VIEWS, List.of(), rows -> {
            String schema = rows.getString(1);
            String view = rows.getString(2);
            return QualifiedName.DEFAULT_SCHEMA.equals(schema) ? view : schema + "." + view;
        });
    }

    @Override
    public void dropView(QualifiedName name) {
        sql.execute(CatalogDdl.dropView(name));
    }

    @Override
    public void createMacro(MacroDefinition macro) {
        tenantSql.accept(macro.body().text());
        macro.returnType().ifPresent(type -> tenantSql.accept(type.text()));
        macro.returnType().ifPresent(type -> checkType(type, "return_type"));
        sql.execute(CatalogDdl.createMacro(macro));
    }

    @Override
    public List<EngineExtension> extensions() {
        return sql.query(CatalogQueries.EXTENSIONS, List.of(), rows -> new EngineExtension(rows.getString(1),
                rows.getString(2), rows.getBoolean(3), rows.getBoolean(4), rows.getString(5)));
    }

    @Override
    public void loadExtension(ExtensionName name) {
        sql.execute("LOAD " + name.value());
    }
}
