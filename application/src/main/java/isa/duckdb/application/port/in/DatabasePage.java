package isa.duckdb.application.port.in;

import java.util.List;

public record DatabasePage(List<DatabaseView> databases, int totalCount, int page, int pageSize) {
}
