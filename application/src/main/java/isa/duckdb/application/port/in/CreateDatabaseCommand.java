package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.Map;

public record CreateDatabaseCommand(
        Caller caller,
        String name,
        String organizationId,
        String requestedBucket,
        Map<String, String> metadata,
        Map<String, String> config) {
}
