package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.List;

/** @param primaryKeys key columns besides those whose {@link ColumnSpec#primaryKey()} is set */
public record CreateTableCommand(Caller caller, String databaseRef, String tableName, List<ColumnSpec> columns,
        List<String> primaryKeys, boolean ifNotExists, String comment) {

    public CreateTableCommand {
        columns = List.copyOf(columns);
        primaryKeys = List.copyOf(primaryKeys);
    }
}
