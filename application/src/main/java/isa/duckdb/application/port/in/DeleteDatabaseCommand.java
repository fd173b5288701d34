package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;

/**
 * @param deleteFromStorage false keeps the last state as a backup object instead of deleting it
 * @param force cancel calls still running on the database instead of refusing
 */
public record DeleteDatabaseCommand(Caller caller, String databaseRef, boolean deleteFromStorage, boolean force) {
}
