package isa.duckdb.application.port.out;

import isa.duckdb.domain.FileOptions;
import isa.duckdb.domain.QualifiedName;
import java.nio.file.Path;

/**
 * Rows of a local file (inside the database's scratch folder) going into a table.
 * @param createIfMissing create the table from the file's columns when it does not exist
 * @param truncate empty an existing table first (in the same transaction)
 */
public record FileImport(Path file, FileOptions options, QualifiedName table, boolean createIfMissing, boolean truncate) {
}
