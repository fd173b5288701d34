package isa.duckdb.application.port.out;

import isa.duckdb.domain.Column;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Loads a file's rows into a table of a fake database, as the DuckDB adapter's importFile does. */
final class FakeImport {
    private FakeImport() {
    }

    /** @return rows imported; NOT_FOUND (the adapter's words) when the table is missing and may not be created */
    static long into(FakeState state, FileImport request, FakeCsv.Content content) {
        String schema = request.table().schemaName();
        String name = request.table().name().value();
        Optional<FakeTable> existing = state.findTable(schema, name);
        if (existing.isEmpty()) {
            if (!request.createIfMissing()) {
                throw ServiceException.notFound("table '" + request.table() + "' does not exist; set create_table to"
                        + " create it from the file");
            }
            List<FakeColumn> columns = new ArrayList<>();
            for (Column column : content.columns()) {
                columns.add(new FakeColumn(column.name(), column.type(), true, "", false, false, ""));
            }
            state.addTable(new FakeTable(state.schema(schema), name, "", columns, content.rows()));
            return content.rows().size();
        }
        FakeTable table = existing.get();
        if (request.truncate()) {
            table.rows.clear();
        }
        for (Value[] row : content.rows()) {
            if (row.length != table.columns.size()) {
                throw ServiceException.invalid("Binder Error: table " + table.name + " has " + table.columns.size()
                        + " columns but " + row.length + " values were supplied");
            }
            table.rows.add(FakeTableShapes.conform(table, Arrays.asList(row)));
        }
        FakeTableShapes.checkKeys(table);
        return content.rows().size();
    }
}
