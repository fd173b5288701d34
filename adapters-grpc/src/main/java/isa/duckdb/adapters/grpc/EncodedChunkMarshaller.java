package isa.duckdb.adapters.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.QueryResultChunk;
import java.io.InputStream;

/**
 * ExecuteQueryStream's response marshaller on the server: sends an {@link EncodedChunk} as its bytes and any
 * {@link QueryResultChunk} (error chunks, a forwarded owner's chunks) as protobuf serializes it. Clients see
 * one message type on the wire either way; only the server skips building row objects.
 */
final class EncodedChunkMarshaller implements MethodDescriptor.Marshaller<Object> {
    private static final MethodDescriptor.Marshaller<QueryResultChunk> PROTOBUF =
            ProtoUtils.marshaller(QueryResultChunk.getDefaultInstance());

    @Override
    public InputStream stream(Object message) {
        if (message instanceof EncodedChunk encoded) {
            return encoded.stream();
        }
        return PROTOBUF.stream((QueryResultChunk) message);
    }

    @Override
    public QueryResultChunk parse(InputStream stream) {
        return PROTOBUF.parse(stream);
    }

    /**
     * The generated service definition with ExecuteQueryStream's responses marshalled by this class (same method
     * name, request marshaller, handler and schema descriptor, so reflection and clients see no difference).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static ServerServiceDefinition withEncodedChunks(ServerServiceDefinition generated) {
        MethodDescriptor<ExecuteQueryRequest, QueryResultChunk> stream = DuckDBServiceGrpc.getExecuteQueryStreamMethod();
        MethodDescriptor<ExecuteQueryRequest, Object> encoded =
                stream.toBuilder(stream.getRequestMarshaller(), new EncodedChunkMarshaller()).build();
        ServiceDescriptor original = generated.getServiceDescriptor();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        for (MethodDescriptor<?, ?> method : original.getMethods()) {
            descriptor.addMethod(method.getFullMethodName().equals(stream.getFullMethodName()) ? encoded : method);
        }
        ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(descriptor.build());
        for (ServerMethodDefinition<?, ?> method : generated.getMethods()) {
            if (method.getMethodDescriptor().getFullMethodName().equals(stream.getFullMethodName())) {
                definition.addMethod(encoded, (ServerCallHandler) method.getServerCallHandler());
            } else {
                definition.addMethod(method);
            }
        }
        return definition.build();
    }
}
