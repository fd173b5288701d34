package isa.duckdb.application.port.in;

import isa.duckdb.domain.TenantId;

/** Backs a database up inside its tenant's bucket, and restores one as a new database. */
public interface BackupUseCase {

    BackupOutcome backup(TenantId tenant, String databaseRef, String backupName, boolean incremental);

    DatabaseView restore(TenantId tenant, String backupPath, String newDatabaseName);
}
