package isa.duckdb.application.port.out;

import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.ExtensionName;
import isa.duckdb.domain.MacroDefinition;
import isa.duckdb.domain.QualifiedName;
import isa.duckdb.domain.TableDefinition;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import java.util.List;
import java.util.Optional;

/**
 * The engine's catalog of one open database, read and changed through one session. Names match
 * the way the engine matches them (case-insensitively). Every method throws
 * {@link isa.duckdb.domain.ServiceException} with a code word.
 */
public interface SchemaCatalog {

    /**
     * Creates the table with its constraints and comments, all or nothing. Each column type must
     * parse as exactly one engine type (INVALID_ARGUMENT otherwise); ALREADY_EXISTS when the name is taken.
     */
    void createTable(TableDefinition table);

    boolean tableExists(QualifiedName name);

    /** The table with its columns, constraints, comments, exact row count and estimated size. */
    Optional<TableDescription> describeTable(QualifiedName name);

    /**
     * Base tables (no views), sorted by schema and name.
     * @param schema only this schema when present
     * @param nameFilter a case-insensitive part of the name; empty for all
     */
    List<TableDescription> listTables(Optional<String> schema, String nameFilter);

    void dropTable(QualifiedName name, boolean ifExists, boolean cascade);

    /** Exact row count and size estimate, and per column figures when {@code includeColumns}. */
    Optional<TableStatistics> tableStatistics(QualifiedName name, boolean includeColumns);

    /** @param query one query statement, already checked */
    void createView(QualifiedName name, String query, boolean replace);

    boolean viewExists(QualifiedName name);

    /** View names, sorted by schema and name; {@code schema.view} outside the default schema. */
    List<String> listViews();

    void dropView(QualifiedName name);

    /** Creates the macro, replacing one of the same name. */
    void createMacro(MacroDefinition macro);

    List<EngineExtension> extensions();

    /** Loads an extension the engine has at hand; never downloads one. */
    void loadExtension(ExtensionName name);
}
