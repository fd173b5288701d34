package isa.duckdb.adapters.grpc;

import isa.duckdb.api.Row;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import isa.duckdb.domain.RowBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cuts a query's rows into groups of bounded wire size, pulling rows from the engine only as
 * groups are asked for. A row larger than the hard limit is an error, never a giant message.
 */
final class RowChunker {
    /** Most rows fetched from the engine per pull. */
    static final int FETCH_ROWS = 1024;
    /**
     * Rows of the first pull; later pulls fetch about {@code targetBytes} of rows (fewer when rows are wide), so that
     * the rows converted ahead of the client stay near one chunk on the heap.
     */
    static final int FIRST_FETCH_ROWS = 16;
    private static final int PER_ROW_FRAMING = 6;

    private final OpenQuery query;
    private final long targetBytes;
    private final long hardLimitBytes;
    private final Deque<Row> pending = new ArrayDeque<>();
    private boolean engineExhausted;
    private int fetchRows = FIRST_FETCH_ROWS;

    RowChunker(OpenQuery query, long targetBytes, long hardLimitBytes) {
        this.query = query;
        this.targetBytes = targetBytes;
        this.hardLimitBytes = hardLimitBytes;
    }

    /** The next group of rows: at most {@code targetBytes} unless one row alone is larger. */
    List<Row> nextGroup() {
        List<Row> group = new ArrayList<>();
        long bytes = 0;
        while (true) {
            if (pending.isEmpty() && !pull()) {
                return group;
            }
            Row row = pending.peekFirst();
            long rowBytes = row.getSerializedSize() + PER_ROW_FRAMING;
            if (rowBytes > hardLimitBytes) {
                throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "a single row is " + rowBytes
                        + " bytes, more than the " + hardLimitBytes + "-byte message limit");
            }
            if (!group.isEmpty() && bytes + rowBytes > targetBytes) {
                return group;
            }
            group.add(pending.pollFirst());
            bytes += rowBytes;
        }
    }

    boolean exhausted() {
        return engineExhausted && pending.isEmpty();
    }

    private boolean pull() {
        if (engineExhausted) {
            return false;
        }
        RowBatch batch = query.next(fetchRows);
        if (batch.rowCount() == 0) {
            engineExhausted = true;
            return false;
        }
        long bytes = 0;
        for (Row row : ProtoRows.convert(batch)) {
            pending.addLast(row);
            bytes += row.getSerializedSize() + PER_ROW_FRAMING;
        }
        long bytesPerRow = Math.max(1, bytes / batch.rowCount());
        fetchRows = (int) Math.max(1, Math.min(FETCH_ROWS, targetBytes / bytesPerRow));
        return true;
    }
}
