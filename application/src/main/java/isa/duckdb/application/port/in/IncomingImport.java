package isa.duckdb.application.port.in;

import isa.duckdb.domain.CancellationSignal;

/** An upload being received: chunks are spooled to disk, then imported in one transaction. */
public interface IncomingImport {

    void write(byte[] chunk);

    /** Imports what was received. @return rows imported */
    long complete(CancellationSignal signal);

    /** Drops what was received; nothing is imported. */
    void abort();
}
