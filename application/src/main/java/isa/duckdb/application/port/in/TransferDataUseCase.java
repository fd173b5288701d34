package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;

/** Moves data between a tenant's databases and files in its namespaced buckets. */
public interface TransferDataUseCase {

    /** @return rows imported */
    long importObject(ImportObjectCommand command, CancellationSignal signal);

    ExportOutcome exportQuery(ExportQueryCommand command, CancellationSignal signal);

    /** A query over a file in object storage, read through the format's reader; the caller closes it. */
    OpenQuery queryObject(QueryObjectCommand command, CancellationSignal signal);
}
