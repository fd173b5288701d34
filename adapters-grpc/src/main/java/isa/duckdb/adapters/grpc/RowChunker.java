package isa.duckdb.adapters.grpc;

import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.ServiceException;

/**
 * Cuts a query's rows into chunks of bounded wire size, encoding each row straight from the engine's batch into
 * the chunk's bytes ({@link WireRow}) and pulling rows from the engine only as chunks are asked for: at most one
 * encoded row waits between chunks. A row larger than the hard limit is an error, never a giant message.
 */
final class RowChunker {
    /** Most rows fetched from the engine per pull. */
    static final int FETCH_ROWS = 1024;
    /** Rows of the first pull; later pulls fetch about one chunk of rows (fewer when rows are wide). */
    static final int FIRST_FETCH_ROWS = 16;

    private final OpenQuery query;
    private final long targetBytes;
    private final long hardLimitBytes;
    private final WireRow row = new WireRow();
    private RowBatch batch;
    private int nextRow;
    private long batchBytes;
    private boolean rowPending;
    private boolean engineExhausted;
    private int fetchRows = FIRST_FETCH_ROWS;

    RowChunker(OpenQuery query, long targetBytes, long hardLimitBytes) {
        this.query = query;
        this.targetBytes = targetBytes;
        this.hardLimitBytes = hardLimitBytes;
    }

    /**
     * Adds the next rows to {@code chunk}: at most {@code targetBytes} of them unless one row alone is larger.
     *
     * @return the rows added (0 when the engine has no more)
     * @throws ServiceException RESOURCE_EXHAUSTED when one row is larger than the hard limit
     */
    int fill(EncodedChunk.Builder chunk) {
        int added = 0;
        long bytes = 0;
        while (rowPending || encodeNextRow()) {
            long rowBytes = EncodedChunk.Builder.framedSize(row);
            if (rowBytes > hardLimitBytes) {
                throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "a single row is " + rowBytes
                        + " bytes, more than the " + hardLimitBytes + "-byte message limit");
            }
            if (added > 0 && bytes + rowBytes > targetBytes) {
                return added;
            }
            chunk.addRow(row);
            rowPending = false;
            added++;
            bytes += rowBytes;
        }
        return added;
    }

    /** True once every row was handed out. */
    boolean exhausted() {
        return engineExhausted && !rowPending;
    }

    private boolean encodeNextRow() {
        if ((batch == null || nextRow == batch.rowCount()) && !pull()) {
            return false;
        }
        row.clear();
        for (int c = 0; c < batch.columnCount(); c++) {
            batch.write(c, nextRow, row);
        }
        nextRow++;
        batchBytes += EncodedChunk.Builder.framedSize(row);
        rowPending = true;
        return true;
    }

    private boolean pull() {
        if (engineExhausted) {
            return false;
        }
        if (batch != null && batch.rowCount() > 0) {
            long bytesPerRow = Math.max(1, batchBytes / batch.rowCount());
            fetchRows = (int) Math.max(1, Math.min(FETCH_ROWS, targetBytes / bytesPerRow));
        }
        batch = query.next(fetchRows);
        nextRow = 0;
        batchBytes = 0;
        if (batch.rowCount() == 0) {
            engineExhausted = true;
            return false;
        }
        return true;
    }
}
