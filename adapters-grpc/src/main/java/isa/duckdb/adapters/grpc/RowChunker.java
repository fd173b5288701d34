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
    /** Rows fetched from the engine per pull. */
    static final int FETCH_ROWS = 1024;
    private static final int PER_ROW_FRAMING = 6;

    private final OpenQuery query;
    private final long targetBytes;
    private final long hardLimitBytes;
    private final Deque<Row> pending = new ArrayDeque<>();
    private boolean engineExhausted;

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
        RowBatch batch = query.next(FETCH_ROWS);
        if (batch.rowCount() == 0) {
            engineExhausted = true;
            return false;
        }
        for (Row row : ProtoRows.convert(batch)) {
            pending.addLast(row);
        }
        return true;
    }
}
