package isa.duckdb.application.port.in;

/** Imports a file the client streams to the service in chunks. */
public interface ImportStreamUseCase {

    /** Starts an upload; the metadata is checked at once, before any bytes arrive. */
    IncomingImport begin(ImportStreamCommand command);
}
