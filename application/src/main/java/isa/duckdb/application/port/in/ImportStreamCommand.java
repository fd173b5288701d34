package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.Map;

/** @param totalSize bytes the client announced (0: not announced) */
public record ImportStreamCommand(Caller caller, String databaseRef, String table, String format, long totalSize,
        Map<String, String> options) {
}
