package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.List;

/** @param transactional all statements or none */
public record BatchCommand(Caller caller, String databaseRef, List<String> statements, boolean transactional) {
}
