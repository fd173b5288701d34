package isa.duckdb.application.port.out;

import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a fake database holds: schemas, tables, views and macros, keyed case-insensitively
 * as DuckDB matches names, and the committed-write version its change marker reports. Copied
 * whole for a transaction or a single statement, so that a failure leaves nothing behind.
 */
final class FakeState {
    /** A view: its name and the query it stands for. */
    record View(String schema, String name, String query) {
    }

    long version;
    final Map<String, String> schemas = new LinkedHashMap<>();
    final Map<String, FakeTable> tables = new LinkedHashMap<>();
    final Map<String, View> views = new LinkedHashMap<>();
    final Map<String, MacroDefinition> macros = new LinkedHashMap<>();

    FakeState() {
        schemas.put(QualifiedName.DEFAULT_SCHEMA, QualifiedName.DEFAULT_SCHEMA);
    }

    FakeState copy() {
        FakeState copy = new FakeState();
        copy.version = version;
        copy.schemas.putAll(schemas);
        tables.forEach((key, table) -> copy.tables.put(key, table.copy()));
        copy.views.putAll(views);
        copy.macros.putAll(macros);
        return copy;
    }

    static String key(String schema, String name) {
        return schema.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT);
    }

    /** The schema as it was created, NOT_FOUND (as DuckDB's catalog error) when there is none. */
    String schema(String name) {
        String found = schemas.get(name.toLowerCase(Locale.ROOT));
        if (found == null) {
            throw ServiceException.notFound("Catalog Error: Schema with name " + name + " does not exist!");
        }
        return found;
    }

    Optional<FakeTable> findTable(String schema, String name) {
        return Optional.ofNullable(tables.get(key(schema, name)));
    }

    /** The table, NOT_FOUND with DuckDB's words when there is none. */
    FakeTable table(String schema, String name) {
        return findTable(schema, name).orElseThrow(() -> ServiceException.notFound(
                "Catalog Error: Table with name " + name + " does not exist!"));
    }

    /** ALREADY_EXISTS, as DuckDB's catalog error, when a table or view has the name. */
    void checkFree(String schema, String name) {
        if (tables.containsKey(key(schema, name)) || views.containsKey(key(schema, name))) {
            throw ServiceException.alreadyExists("Catalog Error: Table with name \"" + name + "\" already exists!");
        }
    }

    void addTable(FakeTable table) {
        checkFree(schema(table.schema), table.name);
        tables.put(key(table.schema, table.name), table);
    }

    /** Base tables sorted by schema, then name (DuckDB's binary collation). */
    List<FakeTable> sortedTables() {
        List<FakeTable> sorted = new ArrayList<>(tables.values());
        sorted.sort(Comparator.comparing((FakeTable t) -> t.schema).thenComparing(t -> t.name));
        return sorted;
    }
}
