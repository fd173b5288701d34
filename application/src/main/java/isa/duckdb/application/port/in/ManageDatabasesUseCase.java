package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;

/** Create, find, describe and delete a tenant's databases. */
public interface ManageDatabasesUseCase {

    DatabaseView create(CreateDatabaseCommand command);

    DatabasePage list(ListDatabasesQuery query);

    DatabaseView describe(Caller caller, String databaseRef);

    /** @return a sentence saying what was done */
    String delete(DeleteDatabaseCommand command);
}
