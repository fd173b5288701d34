package isa.duckdb.application.port.out;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.ColumnDefinition;
import isa.duckdb.domain.ColumnDescription;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.ExtensionName;
import isa.duckdb.domain.Identifier;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.SafeText;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.SqlExpression;
import isa.duckdb.domain.SqlType;
import isa.duckdb.domain.TableDefinition;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fake engine's catalog, over the same data its SQL sees (a table made here is the table
 * {@code SELECT * FROM} reads), with the DuckDB adapter's answers and error kinds: ALREADY_EXISTS
 * for a taken name, NOT_FOUND for a missing one, INVALID_ARGUMENT for a type DuckDB would not
 * read. Extensions are DuckDB's bundled ones ({@link #BUNDLED}) plus a few it could download
 * (never installed here).
 */
public final class InMemorySchemaCatalog implements SchemaCatalog {
    /** Statically linked in DuckDB's JDBC driver: installed and loaded from the start. */
    public static final List<String> BUNDLED = List.of("core_functions", "icu", "json", "parquet");
    /** Known but not installed (DuckDB would download them; the sandbox forbids it). */
    public static final List<String> DOWNLOADABLE = List.of("httpfs", "spatial");

    private final InMemoryEngineSession session;
    private final CancellationSignal signal;

    InMemorySchemaCatalog(InMemoryEngineSession session, CancellationSignal signal) {
        this.session = session;
        this.signal = signal;
    }

    private <T> T read(java.util.function.Function<FakeState, T> query) {
        checkSignal();
        return session.apply(query, result -> false);
    }

    private void write(java.util.function.Consumer<FakeState> change) {
        checkSignal();
        session.apply(state -> {
            change.accept(state);
            return Boolean.TRUE;
        }, result -> true);
    }

    private void checkSignal() {
        if (signal.isCancelled()) {
            throw signal.asException("the query");
        }
    }

    @Override
    public void createTable(TableDefinition table) {
        List<FakeColumn> columns = new ArrayList<>();
        for (ColumnDefinition column : table.columns()) {
            String type = checkType(column.type(), "data_type of column '" + SafeText.quote(column.name().value()) + "'");
            columns.add(new FakeColumn(column.name().value(), type, column.nullable(),
                    column.defaultValue().map(SqlExpression::text).orElse(""), false, column.unique(), column.comment()));
        }
        List<String> key = table.primaryKey().stream().map(Identifier::value).toList();
        write(state -> state.addTable(new FakeTable(state.schema(table.name().schemaName()), table.name().name().value(),
                table.comment(), FakeTableShapes.withKey(columns, key), List.of())));
    }

    private static String checkType(SqlType type, String what) {
        return FakeTypes.normalize(type.text()).orElseThrow(() -> ServiceException.invalid(what + " '"
                + SafeText.quote(type.text()) + "' is not a DuckDB type: Catalog Error: Type with name "
                + type.text() + " does not exist!"));
    }

    @Override
    public boolean tableExists(QualifiedName name) {
        return read(state -> state.findTable(name.schemaName(), name.name().value()).isPresent());
    }

    @Override
    public Optional<TableDescription> describeTable(QualifiedName name) {
        return read(state -> state.findTable(name.schemaName(), name.name().value()).map(InMemorySchemaCatalog::describe));
    }

    private static TableDescription describe(FakeTable table) {
        List<ColumnDescription> columns = table.columns.stream().map(c -> new ColumnDescription(c.name(), c.type(),
                c.nullable(), c.defaultValue(), c.primaryKey(), c.unique(), c.comment())).toList();
        return new TableDescription(table.schema, table.name, "BASE TABLE", columns, table.rows.size(),
                table.sizeBytes(), table.comment);
    }

    @Override
    public List<TableDescription> listTables(Optional<String> schema, String nameFilter) {
        String filter = nameFilter == null ? "" : nameFilter.toLowerCase(Locale.ROOT);
        return read(state -> state.sortedTables().stream()
                .filter(t -> schema.isEmpty() || t.schema.equalsIgnoreCase(schema.get()))
                .filter(t -> t.name.toLowerCase(Locale.ROOT).contains(filter))
                .map(InMemorySchemaCatalog::describe)
                .toList());
    }

    @Override
    public void dropTable(QualifiedName name, boolean ifExists, boolean cascade) {
        write(state -> {
            if (state.findTable(name.schemaName(), name.name().value()).isEmpty() && ifExists) {
                return;
            }
            state.table(name.schemaName(), name.name().value());
            state.tables.remove(FakeState.key(name.schemaName(), name.name().value()));
        });
    }

    @Override
    public Optional<TableStatistics> tableStatistics(QualifiedName name, boolean includeColumns) {
        return read(state -> state.findTable(name.schemaName(), name.name().value()).map(table ->
                new TableStatistics(table.name, table.rows.size(), table.sizeBytes(),
                        includeColumns ? FakeStatistics.of(table) : List.of())));
    }

    @Override
    public void createView(QualifiedName name, String query, boolean replace) {
        write(state -> {
            String schema = state.schema(name.schemaName());
            String key = FakeState.key(schema, name.name().value());
            if (state.tables.containsKey(key) && replace) {
                throw ServiceException.invalid("Catalog Error: Existing object " + name.name()
                        + " is of type Table, trying to replace with type View");
            }
            if (!replace || state.tables.containsKey(key)) {
                state.checkFree(schema, name.name().value());
            }
            state.views.put(key, new FakeState.View(schema, name.name().value(), query));
        });
    }

    @Override
    public boolean viewExists(QualifiedName name) {
        return read(state -> state.views.containsKey(FakeState.key(name.schemaName(), name.name().value())));
    }

    @Override
    public List<String> listViews() {
        return read(state -> state.views.values().stream()
                .sorted(java.util.Comparator.comparing(FakeState.View::schema).thenComparing(FakeState.View::name))
                .map(v -> QualifiedName.DEFAULT_SCHEMA.equals(v.schema()) ? v.name() : v.schema() + "." + v.name())
                .toList());
    }

    @Override
    public void dropView(QualifiedName name) {
        write(state -> {
            if (state.views.remove(FakeState.key(name.schemaName(), name.name().value())) == null) {
                throw ServiceException.notFound("Catalog Error: View with name " + name.name() + " does not exist!");
            }
        });
    }

    @Override
    public void createMacro(MacroDefinition macro) {
        macro.returnType().ifPresent(type -> checkType(type, "return_type"));
        write(state -> state.macros.put(macro.name().value().toLowerCase(Locale.ROOT), macro));
    }

    @Override
    public List<EngineExtension> extensions() {
        checkSignal();
        List<EngineExtension> extensions = new ArrayList<>();
        for (String name : List.of("core_functions", "httpfs", "icu", "json", "parquet", "spatial")) {
            boolean bundled = BUNDLED.contains(name);
            extensions.add(new EngineExtension(name, bundled ? InMemoryQueryEngine.VERSION : "", bundled, bundled,
                    name + " extension"));
        }
        return extensions;
    }

    /** A bundled extension loads (it is loaded already); any other is refused like DuckDB's sandbox does. */
    @Override
    public void loadExtension(ExtensionName name) {
        checkSignal();
        if (!BUNDLED.contains(name.value())) {
            throw ServiceException.invalid("Permission Error: Loading external extensions is disabled through"
                    + " configuration");
        }
    }
}
