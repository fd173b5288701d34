package isa.duckdb.adapters.grpc;

import isa.duckdb.api.ColumnInfo;
import isa.duckdb.api.ColumnStats;
import isa.duckdb.api.ExtensionInfo;
import isa.duckdb.api.TableInfo;
import isa.duckdb.api.TableStats;
import isa.duckdb.application.port.in.ColumnSpec;
import isa.duckdb.domain.ColumnDescription;
import isa.duckdb.domain.ColumnStatistics;
import isa.duckdb.domain.EngineExtension;
import isa.duckdb.domain.TableDescription;
import isa.duckdb.domain.TableStatistics;
import java.util.List;

/** Catalog facts between the domain and the wire. */
final class CatalogMessages {
    private CatalogMessages() {
    }

    /** DuckDB keeps no creation time, so {@code created_at} stays unset. */
    static TableInfo table(TableDescription table) {
        TableInfo.Builder info = TableInfo.newBuilder()
                .setTableName(table.name())
                .setSchemaName(table.schemaName())
                .setRowCount(table.rowCount())
                .setSizeBytes(table.sizeBytes())
                .setTableType(table.tableType())
                .setComment(table.comment());
        table.columns().forEach(column -> info.addColumns(column(column)));
        return info.build();
    }

    static ColumnInfo column(ColumnDescription column) {
        return ColumnInfo.newBuilder()
                .setName(column.name())
                .setDataType(column.dataType())
                .setNullable(column.nullable())
                .setDefaultValue(column.defaultValue())
                .setIsPrimaryKey(column.primaryKey())
                .setIsUnique(column.unique())
                .setComment(column.comment())
                .build();
    }

    static List<ColumnSpec> columnSpecs(List<ColumnInfo> columns) {
        return columns.stream()
                .map(c -> new ColumnSpec(c.getName(), c.getDataType(), c.getNullable(), c.getDefaultValue(),
                        c.getIsPrimaryKey(), c.getIsUnique(), c.getComment()))
                .toList();
    }

    static TableStats stats(TableStatistics statistics) {
        TableStats.Builder stats = TableStats.newBuilder()
                .setTableName(statistics.name())
                .setRowCount(statistics.rowCount())
                .setSizeBytes(statistics.sizeBytes());
        for (ColumnStatistics column : statistics.columns()) {
            stats.addColumnStats(ColumnStats.newBuilder()
                    .setColumnName(column.name())
                    .setDistinctCount(column.distinctCount())
                    .setMinValue(ProtoValues.toProto(column.min()))
                    .setMaxValue(ProtoValues.toProto(column.max()))
                    .setNullCount(column.nullCount()));
        }
        return stats.build();
    }

    static ExtensionInfo extension(EngineExtension extension) {
        return ExtensionInfo.newBuilder()
                .setName(extension.name())
                .setVersion(extension.version())
                .setInstalled(extension.installed())
                .setLoaded(extension.loaded())
                .setDescription(extension.description())
                .build();
    }
}
