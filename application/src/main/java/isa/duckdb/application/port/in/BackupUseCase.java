package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;

/** Backs a database up inside its tenant's bucket, and restores one as a new database. */
public interface BackupUseCase {

    BackupOutcome backup(Caller caller, String databaseRef, String backupName, boolean incremental);

    DatabaseView restore(Caller caller, String backupPath, String newDatabaseName);
}
