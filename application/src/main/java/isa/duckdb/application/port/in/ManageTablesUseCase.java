package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import java.util.List;

/** Create, list, describe, measure and drop the tables of a tenant's database. */
public interface ManageTablesUseCase {

    CreatedTable create(CreateTableCommand command, CancellationSignal signal);

    List<TableDescription> list(ListTablesQuery query, CancellationSignal signal);

    TableDescription describe(TableRef table, CancellationSignal signal);

    TableStatistics statistics(TableRef table, boolean includeColumns, CancellationSignal signal);

    /** @return a sentence saying what was done */
    String drop(DropTableCommand command, CancellationSignal signal);
}
