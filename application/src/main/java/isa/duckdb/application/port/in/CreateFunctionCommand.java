package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.List;

/**
 * @param body an SQL expression over the parameters, or a query (a function returning a table)
 * @param returnType empty to keep the body's own type
 */
public record CreateFunctionCommand(Caller caller, String databaseRef, String name, String body,
        List<String> parameters, String returnType) {

    public CreateFunctionCommand {
        parameters = List.copyOf(parameters);
    }
}
