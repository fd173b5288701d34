package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;
import isa.duckdb.domain.Caller;
import java.util.List;

public interface ManageViewsUseCase {

    /** @return a sentence saying what was done */
    String create(CreateViewCommand command, CancellationSignal signal);

    /** View names; those outside the default schema as {@code schema.view}. */
    List<String> list(Caller caller, String databaseRef, CancellationSignal signal);

    /** @return a sentence saying what was done */
    String drop(TableRef view, CancellationSignal signal);
}
