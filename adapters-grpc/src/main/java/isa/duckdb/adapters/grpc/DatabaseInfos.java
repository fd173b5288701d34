package isa.duckdb.adapters.grpc;

import isa.duckdb.api.DatabaseInfo;
import isa.duckdb.application.port.in.DatabaseView;
import isa.duckdb.domain.DatabaseDescriptor;

final class DatabaseInfos {
    private DatabaseInfos() {
    }

    static DatabaseInfo toProto(DatabaseView view) {
        DatabaseDescriptor d = view.descriptor();
        return DatabaseInfo.newBuilder()
                .setDatabaseId(d.id())
                .setDatabaseName(d.name().value())
                .setUserId(d.tenant().id())
                .setOrganizationId(d.organizationId())
                .setMinioBucket(view.bucket())
                .setMinioPath(view.objectKey())
                .setSizeBytes(view.sizeBytes())
                .setTableCount(view.tableCount())
                .setCreatedAt(ProtoValues.timestamp(d.createdAt()))
                .setLastAccessed(ProtoValues.timestamp(d.lastAccessed()))
                .putAllMetadata(d.metadata())
                .setVersion(view.engineVersion())
                .build();
    }
}
