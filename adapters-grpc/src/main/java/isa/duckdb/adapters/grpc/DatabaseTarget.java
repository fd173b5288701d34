package isa.duckdb.adapters.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.DuckDBServiceProto;
import isa.duckdb.api.ImportDataRequest;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The database a DuckDBService call works on, as its first request message names it: {@code user_id} and
 * {@code database_id} (ImportData: in its leading {@code metadata} message). The RPCs whose request carries both
 * name a database and are forwarded to its owner; the others (CreateDatabase, ListDatabases, RestoreDatabase,
 * HealthCheck, GetMetrics, ListRunningQueries, CancelQuery) name none and are always served where they arrive.
 *
 * @param userId the request's {@code user_id} (the tenant to act as; empty: the principal's own)
 * @param databaseRef the request's {@code database_id} (the database's id or name)
 */
record DatabaseTarget(String userId, String databaseRef) {
    private static final String USER_ID = "user_id";
    private static final String DATABASE_ID = "database_id";
    private static final Set<String> METHODS = DuckDBServiceProto.getDescriptor()
            .findServiceByName(DuckDBServiceGrpc.SERVICE_NAME.substring(DuckDBServiceGrpc.SERVICE_NAME.lastIndexOf('.') + 1))
            .getMethods().stream()
            .filter(method -> namesDatabase(requestNaming(method)))
            .map(method -> DuckDBServiceGrpc.SERVICE_NAME + "/" + method.getName())
            .collect(Collectors.toUnmodifiableSet());

    /** Whether calls of this method ({@code isa.duckdb.DuckDBService/ExecuteQuery}) name a database. */
    static boolean namedBy(String fullMethodName) {
        return METHODS.contains(fullMethodName);
    }

    /** The database a call's first request message names; empty when it names none. */
    static Optional<DatabaseTarget> of(Object request) {
        Message message = request instanceof ImportDataRequest upload ? (upload.hasMetadata() ? upload.getMetadata()
                : null) : request instanceof Message other ? other : null;
        if (message == null || !namesDatabase(message.getDescriptorForType())) {
            return Optional.empty();
        }
        Descriptor type = message.getDescriptorForType();
        return Optional.of(new DatabaseTarget((String) message.getField(type.findFieldByName(USER_ID)),
                (String) message.getField(type.findFieldByName(DATABASE_ID))));
    }

    private static Descriptor requestNaming(MethodDescriptor method) {
        Descriptor input = method.getInputType();
        return input.equals(ImportDataRequest.getDescriptor()) ? input.findFieldByName("metadata").getMessageType()
                : input;
    }

    private static boolean namesDatabase(Descriptor type) {
        return isString(type.findFieldByName(USER_ID)) && isString(type.findFieldByName(DATABASE_ID));
    }

    private static boolean isString(FieldDescriptor field) {
        return field != null && !field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.STRING;
    }
}
