package isa.duckdb.application.service;

import isa.duckdb.application.port.in.ColumnSpec;
import isa.duckdb.application.port.in.CreateTableCommand;
import isa.duckdb.application.port.in.CreatedTable;
import isa.duckdb.application.port.in.DropTableCommand;
import isa.duckdb.application.port.in.ListTablesQuery;
import isa.duckdb.application.port.in.ManageTablesUseCase;
import isa.duckdb.application.port.in.TableRef;
import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.domain.Caller;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ColumnDefinition;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.LegacyTablePrefix;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlExpression;
import isa.duckdb.domain.SqlType;
import isa.duckdb.domain.TableDefinition;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import isa.duckdb.domain.TenantId;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Tables of a tenant's database, through the engine's catalog. */
public final class TableService implements ManageTablesUseCase {
    private final CatalogAccess access;

    @Inject
    public TableService(DatabaseCatalog catalog, DatabaseLifecycle lifecycle, TenantAccess tenants) {
        this.access = new CatalogAccess(catalog, lifecycle, tenants);
    }

    @Override
    public CreatedTable create(CreateTableCommand command, CancellationSignal signal) {
        try (TenantCall call = access.enter(command.caller())) {
            QualifiedName name = tableName(call.tenant(), command.tableName());
            TableDefinition definition = definition(name, command);
            return access.on(call.tenant(), command.databaseRef(), signal, catalog -> {
                Optional<TableDescription> existing = catalog.describeTable(name);
                if (existing.isPresent()) {
                    if (command.ifNotExists()) {
                        return new CreatedTable(false, existing.get());
                    }
                    throw ServiceException.alreadyExists("table '" + SafeText.quote(name.toString())
                            + "' already exists");
                }
                catalog.createTable(definition);
                return new CreatedTable(true, catalog.describeTable(name).orElseThrow(() -> missing(name)));
            });
        }
    }

    private static TableDefinition definition(QualifiedName name, CreateTableCommand command) {
        List<ColumnDefinition> columns = new ArrayList<>();
        Map<String, Identifier> primaryKey = new LinkedHashMap<>();
        for (String key : command.primaryKeys()) {
            Identifier column = Identifier.of(key);
            primaryKey.putIfAbsent(column.value().toLowerCase(Locale.ROOT), column);
        }
        int position = 0;
        for (ColumnSpec spec : command.columns()) {
            position++;
            if (spec.name() == null || spec.name().isEmpty()) {
                throw ServiceException.invalid("column " + position + " has no name");
            }
            Identifier column = Identifier.of(spec.name());
            String label = "column '" + SafeText.quote(spec.name()) + "'";
            SqlType type = SqlType.of("data_type of " + label, spec.dataType());
            Optional<SqlExpression> defaultValue = spec.defaultValue() == null || spec.defaultValue().isBlank()
                    ? Optional.empty()
                    : Optional.of(SqlExpression.of("default_value of " + label, spec.defaultValue()));
            columns.add(new ColumnDefinition(column, type, spec.nullable(), defaultValue, spec.unique(), spec.comment()));
            if (spec.primaryKey()) {
                primaryKey.putIfAbsent(column.value().toLowerCase(Locale.ROOT), column);
            }
        }
        return new TableDefinition(name, columns, List.copyOf(primaryKey.values()), command.comment());
    }

    @Override
    public List<TableDescription> list(ListTablesQuery query, CancellationSignal signal) {
        Optional<String> schema = query.schemaName() == null || query.schemaName().isEmpty()
                ? Optional.empty()
                : Optional.of(Identifier.of(query.schemaName()).value());
        try (TenantCall call = access.enter(query.caller())) {
            String filter = query.nameFilter() == null ? ""
                    : LegacyTablePrefix.of(call.tenant()).stripName(query.nameFilter());
            return access.on(call.tenant(), query.databaseRef(), signal, catalog -> catalog.listTables(schema, filter));
        }
    }

    @Override
    public TableDescription describe(TableRef table, CancellationSignal signal) {
        try (TenantCall call = access.enter(table.caller())) {
            QualifiedName name = tableName(call.tenant(), table.name());
            return access.on(call.tenant(), table.databaseRef(), signal,
                    catalog -> catalog.describeTable(name).orElseThrow(() -> missing(name)));
        }
    }

    @Override
    public TableStatistics statistics(TableRef table, boolean includeColumns, CancellationSignal signal) {
        try (TenantCall call = access.enter(table.caller())) {
            QualifiedName name = tableName(call.tenant(), table.name());
            return access.on(call.tenant(), table.databaseRef(), signal,
                    catalog -> catalog.tableStatistics(name, includeColumns).orElseThrow(() -> missing(name)));
        }
    }

    @Override
    public String drop(DropTableCommand command, CancellationSignal signal) {
        TableRef table = command.table();
        try (TenantCall call = access.enter(table.caller())) {
            QualifiedName name = tableName(call.tenant(), table.name());
            return access.on(call.tenant(), table.databaseRef(), signal, catalog -> drop(catalog, name, command));
        }
    }

    private static String drop(SchemaCatalog catalog, QualifiedName name, DropTableCommand command) {
        if (!catalog.tableExists(name)) {
            if (command.ifExists()) {
                return "table '" + name + "' does not exist; nothing to drop";
            }
            throw missing(name);
        }
        catalog.dropTable(name, command.ifExists(), command.cascade());
        return "table '" + name + "' dropped";
    }

    static QualifiedName tableName(TenantId tenant, String text) {
        return LegacyTablePrefix.of(tenant).strip(QualifiedName.parse(text));
    }

    private static ServiceException missing(QualifiedName name) {
        return ServiceException.notFound("table '" + SafeText.quote(name.toString()) + "' does not exist");
    }
}
