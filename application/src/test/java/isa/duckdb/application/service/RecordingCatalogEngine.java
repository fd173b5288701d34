package isa.duckdb.application.service;

import isa.duckdb.application.port.out.EngineDatabase;
import isa.duckdb.application.port.out.EngineLimits;
import isa.duckdb.application.port.out.EngineSession;
import isa.duckdb.application.port.out.FileImport;
import isa.duckdb.application.port.out.InMemoryQueryEngine;
import isa.duckdb.application.port.out.QueryEngine;
import isa.duckdb.application.port.out.SchemaCatalog;
import isa.duckdb.application.port.out.StatementOutcome;
import isa.duckdb.domain.BoundSql;
import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.ExtensionName;
import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.TableDefinition;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shared fake engine, with what its catalog was asked to change recorded ({@link #changes()}:
 * tables, views, macros, extension loads), because macros and extension loads leave nothing the
 * fake's SQL could read back. It can also offer an extension that is installed but not loaded yet
 * ({@link #offerInstalled}), a state the fake's bundled extensions never are in.
 */
final class RecordingCatalogEngine implements QueryEngine {
    final InMemoryQueryEngine inner = new InMemoryQueryEngine();
    private final List<Object> changes = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> offered = new ConcurrentHashMap<>();

    /** What reached the catalog, in order: definitions, and texts such as {@code createView main.v ...}. */
    List<Object> changes() {
        return List.copyOf(changes);
    }

    /** Lists the extension as installed and not loaded, until it is loaded. */
    void offerInstalled(String name) {
        offered.put(name, false);
    }

    @Override
    public EngineDatabase open(Path databaseFile, EngineLimits limits) {
        EngineDatabase database = inner.open(databaseFile, limits);
        return new EngineDatabase() {
            @Override
            public EngineSession openSession() {
                return new Session(database.openSession());
            }

            @Override
            public void snapshotTo(Path target) {
                database.snapshotTo(target);
            }

            @Override
            public String changeMarker() {
                return database.changeMarker();
            }

            @Override
            public int tableCount() {
                return database.tableCount();
            }

            @Override
            public long sizeBytes() {
                return database.sizeBytes();
            }

            @Override
            public long memoryBytes() {
                return database.memoryBytes();
            }

            @Override
            public void close() {
                database.close();
            }
        };
    }

    @Override
    public boolean isDatabaseFile(Path file) {
        return inner.isDatabaseFile(file);
    }

    @Override
    public String version() {
        return inner.version();
    }

    @Override
    public java.util.Optional<String> timeZone(String name) {
        return inner.timeZone(name);
    }

    @Override
    public void selfTest() {
        inner.selfTest();
    }

    private final class Session implements EngineSession {
        private final EngineSession session;

        Session(EngineSession session) {
            this.session = session;
        }

        @Override
        public StatementOutcome run(BoundSql sql, CancellationSignal signal) {
            return session.run(sql, signal);
        }

        @Override
        public long importFile(FileImport request, CancellationSignal signal) {
            return session.importFile(request, signal);
        }

        @Override
        public long exportQuery(String query, Path file, FileOptions options, CancellationSignal signal) {
            return session.exportQuery(query, file, options, signal);
        }

        @Override
        public String fileReader(Path file, FileOptions options) {
            return session.fileReader(file, options);
        }

        @Override
        public List<String> parameterTypes(String sql) {
            return session.parameterTypes(sql);
        }

        @Override
        public SchemaCatalog catalog(CancellationSignal signal) {
            return new Catalog(session.catalog(signal));
        }

        @Override
        public void begin() {
            session.begin();
        }

        @Override
        public void commit() {
            session.commit();
        }

        @Override
        public void rollback() {
            session.rollback();
        }

        @Override
        public void close() {
            session.close();
        }
    }

    private final class Catalog implements SchemaCatalog {
        private final SchemaCatalog catalog;

        Catalog(SchemaCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public void createTable(TableDefinition table) {
            catalog.createTable(table);
            changes.add(table);
        }

        @Override
        public boolean tableExists(QualifiedName name) {
            return catalog.tableExists(name);
        }

        @Override
        public Optional<TableDescription> describeTable(QualifiedName name) {
            return catalog.describeTable(name);
        }

        @Override
        public List<TableDescription> listTables(Optional<String> schema, String nameFilter) {
            return catalog.listTables(schema, nameFilter);
        }

        @Override
        public void dropTable(QualifiedName name, boolean ifExists, boolean cascade) {
            catalog.dropTable(name, ifExists, cascade);
            changes.add("dropTable " + name.schemaName() + "." + name.name().value() + (cascade ? " CASCADE" : ""));
        }

        @Override
        public Optional<TableStatistics> tableStatistics(QualifiedName name, boolean includeColumns) {
            return catalog.tableStatistics(name, includeColumns);
        }

        @Override
        public void createView(QualifiedName name, String query, boolean replace) {
            catalog.createView(name, query, replace);
            changes.add("createView " + name.schemaName() + "." + name.name().value() + (replace ? " OR REPLACE" : "")
                    + " AS " + query);
        }

        @Override
        public boolean viewExists(QualifiedName name) {
            return catalog.viewExists(name);
        }

        @Override
        public List<String> listViews() {
            return catalog.listViews();
        }

        @Override
        public void dropView(QualifiedName name) {
            catalog.dropView(name);
            changes.add("dropView " + name.schemaName() + "." + name.name().value());
        }

        @Override
        public void createMacro(MacroDefinition macro) {
            catalog.createMacro(macro);
            changes.add(macro);
        }

        @Override
        public List<EngineExtension> extensions() {
            List<EngineExtension> all = new ArrayList<>(catalog.extensions());
            offered.forEach((name, loaded) -> all.add(new EngineExtension(name, "v1", true, loaded, name)));
            return all;
        }

        @Override
        public void loadExtension(ExtensionName name) {
            if (offered.containsKey(name.value())) {
                offered.put(name.value(), true);
            } else {
                catalog.loadExtension(name);
            }
            changes.add("loadExtension " + name.value());
        }
    }
}
