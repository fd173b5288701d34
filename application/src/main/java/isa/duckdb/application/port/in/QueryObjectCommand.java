package isa.duckdb.application.port.in;

import isa.duckdb.domain.Caller;
import java.util.Map;

/** @param query SQL in which {@code $FILE} stands for the object; empty means {@code SELECT * FROM $FILE} */
public record QueryObjectCommand(Caller caller, String databaseRef, String bucketName, String objectKey,
        String format, String query, Map<String, String> options, int maxRows) {
}
