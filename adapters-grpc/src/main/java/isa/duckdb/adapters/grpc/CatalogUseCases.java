package isa.duckdb.adapters.grpc;

import isa.duckdb.application.port.in.CreateFunctionUseCase;
import isa.duckdb.application.port.in.GetMetricsUseCase;
import isa.duckdb.application.port.in.ManageExtensionsUseCase;
import isa.duckdb.application.port.in.ManageTablesUseCase;
import isa.duckdb.application.port.in.ManageViewsUseCase;

/** The use cases behind the catalog RPCs (tables, views, functions, extensions) and GetMetrics. */
public record CatalogUseCases(ManageTablesUseCase tables, ManageViewsUseCase views, CreateFunctionUseCase functions,
        ManageExtensionsUseCase extensions, GetMetricsUseCase metrics) {
}
