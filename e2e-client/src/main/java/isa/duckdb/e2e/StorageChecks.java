package isa.duckdb.e2e;

import static isa.duckdb.e2e.CheckContext.USER;
import static isa.duckdb.e2e.Expect.equal;
import static isa.duckdb.e2e.Expect.succeeded;
import static isa.duckdb.e2e.Expect.that;

import isa.duckdb.api.ExportToMinIORequest;
import isa.duckdb.api.ImportFromMinIORequest;
import isa.duckdb.api.ImportFromMinIOResponse;
import java.util.Map;

/**
 * Moving rows through object storage: ExportToMinIO writes four orders as CSV to one fixed key of the
 * data bucket, then ImportFromMinIO reads that file into a new table. Import is SKIP when export did
 * not pass, since it reads the file export writes.
 */
final class StorageChecks {
    private static final String DATA_BUCKET = "duckdb-data";
    /** One fixed key, overwritten by each run with the same four rows, so runs leave one file. */
    private static final String EXPORT_KEY = "e2e-client/orders.csv";

    private final CheckContext context;
    private int exportedRows = -1;

    StorageChecks(CheckContext context) {
        this.context = context;
    }

    void exportToMinio() {
        var exported = context.stub().exportToMinIO(ExportToMinIORequest.newBuilder()
                .setUserId(USER).setDatabaseId(context.database())
                .setQuery("SELECT id, customer, amount FROM orders WHERE id <= 4 ORDER BY id")
                .setBucketName(DATA_BUCKET).setObjectKey(EXPORT_KEY).setFormat("csv").setOverwrite(true).build());
        succeeded(exported.getSuccess(), exported.getError(), "ExportToMinIO");
        equal(4, exported.getRowsExported(), "rows_exported");
        that(exported.getFileSize() > 0, "ExportToMinIO reports file_size " + exported.getFileSize());
        exportedRows = exported.getRowsExported();
    }

    void importFromMinio() {
        ImportFromMinIOResponse imported = context.stub().importFromMinIO(ImportFromMinIORequest.newBuilder()
                .setUserId(USER).setDatabaseId(context.database()).setTableName("orders_copy")
                .setBucketName(DATA_BUCKET).setObjectKey(EXPORT_KEY).setFormat("csv").setCreateTable(true).build());
        if (exportedRows < 0) {
            throw new CheckSkipped("needs the file 'Export Data to MinIO' writes, and that check did not pass");
        }
        succeeded(imported.getSuccess(), imported.getError(), "ImportFromMinIO");
        equal(exportedRows, imported.getRowsImported(), "rows_imported");
        var copy = context.query("SELECT count(*), sum(id) FROM orders_copy", Map.of());
        equal(4L, copy.getRows(0).getValues(0).getIntValue(), "rows in orders_copy");
    }
}
