package isa.duckdb.adapters.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import isa.duckdb.api.ArrowResultChunk;
import isa.duckdb.api.BatchResult;
import isa.duckdb.api.ExecuteBatchResponse;
import isa.duckdb.api.ExecuteQueryResponse;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.ExportToMinIOResponse;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ImportFromMinIOResponse;
import isa.duckdb.api.QueryMinIOFileResponse;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.domain.ErrorKind;
import java.util.List;

/**
 * What the call log needs, read off the wire messages by their contract field names: who and where from the
 * request ({@code user_id}, {@code database_id}, ImportData's {@code metadata}), the SQL, and from responses
 * the rows and whether they said {@code success=false}.
 */
final class CallFacts {
    private CallFacts() {
    }

    /** The request's string field {@code name}, looking inside ImportData's {@code metadata}; empty if absent. */
    static String text(Object request, String name) {
        if (!(request instanceof Message message)) {
            return "";
        }
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        if (field != null && !field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.STRING) {
            return (String) message.getField(field);
        }
        FieldDescriptor metadata = message.getDescriptorForType().findFieldByName("metadata");
        if (metadata != null && !metadata.isRepeated() && metadata.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && message.hasField(metadata)) {
            return text(message.getField(metadata), name);
        }
        return "";
    }

    /** The request's SQL: {@code query}, {@code statement}, or {@code statements} joined with {@code ;\n}. */
    static String sql(Object request) {
        String query = text(request, "query");
        if (!query.isEmpty()) {
            return query;
        }
        String statement = text(request, "statement");
        if (!statement.isEmpty() || !(request instanceof Message message)) {
            return statement;
        }
        FieldDescriptor statements = message.getDescriptorForType().findFieldByName("statements");
        if (statements != null && statements.isRepeated()
                && statements.getJavaType() == FieldDescriptor.JavaType.STRING) {
            @SuppressWarnings("unchecked")
            List<String> all = (List<String>) message.getField(statements);
            return String.join(";\n", all);
        }
        return "";
    }

    /** Rows a response carries or reports (returned, affected, imported, exported). */
    static long rows(Object response) {
        if (response instanceof EncodedChunk encoded) {
            return encoded.rowCount();
        }
        if (response instanceof QueryResultChunk chunk) {
            return chunk.getRowsCount();
        }
        if (response instanceof ArrowResultChunk arrow) {
            return arrow.getRowCount();
        }
        if (response instanceof ExecuteQueryResponse query) {
            return query.getRowCount();
        }
        if (response instanceof ExecuteStatementResponse statement) {
            return statement.getAffectedRows();
        }
        if (response instanceof ExecuteBatchResponse batch) {
            return batch.getResultsList().stream().mapToLong(BatchResult::getAffectedRows).sum();
        }
        if (response instanceof QueryMinIOFileResponse file) {
            return file.getRowCount();
        }
        if (response instanceof ImportDataResponse upload) {
            return upload.getRowsImported();
        }
        if (response instanceof ImportFromMinIOResponse imported) {
            return imported.getRowsImported();
        }
        if (response instanceof ExportToMinIOResponse exported) {
            return exported.getRowsExported();
        }
        return 0;
    }

    /**
     * For a response that says {@code success=false}: the code word its error starts with (a batch's: its
     * first failed statement's), {@code UNKNOWN} when there is none. Null for any other response.
     */
    static String failureCode(Object response) {
        if (!(response instanceof Message message)) {
            return null;
        }
        FieldDescriptor success = message.getDescriptorForType().findFieldByName("success");
        if (success == null || success.getJavaType() != FieldDescriptor.JavaType.BOOLEAN
                || (Boolean) message.getField(success)) {
            return null;
        }
        if (response instanceof ExecuteBatchResponse batch) {
            for (BatchResult result : batch.getResultsList()) {
                if (!result.getSuccess()) {
                    return codeWord(result.getError());
                }
            }
        }
        return codeWord(text(response, "error"));
    }

    private static String codeWord(String error) {
        int colon = error.indexOf(':');
        if (colon > 0) {
            String word = error.substring(0, colon);
            for (ErrorKind kind : ErrorKind.values()) {
                if (kind.name().equals(word)) {
                    return word;
                }
            }
        }
        return "UNKNOWN";
    }
}
