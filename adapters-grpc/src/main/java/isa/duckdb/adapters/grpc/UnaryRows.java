package isa.duckdb.adapters.grpc;

import isa.duckdb.api.Row;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.RowBatch;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.List;

/** All rows of a query for a unary response, refused once they would not fit in one message. */
final class UnaryRows {
    private static final int PER_ROW_FRAMING = 6;

    private UnaryRows() {
    }

    /**
     * The query's rows, pulled from the engine in batches of about {@link RowChunker#FETCH_ROWS} rows (fewer when
     * rows are wide, so that the rows converted ahead stay near the response limit).
     *
     * @throws ServiceException RESOURCE_EXHAUSTED when one row exceeds the message limit or all rows exceed
     *     {@link StreamLimits#maxUnaryResponseBytes()}
     */
    static List<Row> collect(OpenQuery query, StreamLimits limits) {
        List<Row> rows = new ArrayList<>();
        long bytes = 0;
        int fetchRows = RowChunker.FIRST_FETCH_ROWS;
        for (RowBatch batch = query.next(fetchRows); batch.rowCount() > 0; batch = query.next(fetchRows)) {
            long batchBytes = 0;
            for (Row row : ProtoRows.convert(batch)) {
                long rowBytes = row.getSerializedSize() + PER_ROW_FRAMING;
                if (rowBytes > limits.maxChunkBytes()) {
                    throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "a single row is " + rowBytes
                            + " bytes, more than the " + limits.maxChunkBytes() + "-byte message limit");
                }
                batchBytes += rowBytes;
                if (bytes + batchBytes > limits.maxUnaryResponseBytes()) {
                    throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the result is larger than "
                            + limits.maxUnaryResponseBytes() + " bytes after " + rows.size()
                            + " rows; use ExecuteQueryStream or set max_rows");
                }
                rows.add(row);
            }
            bytes += batchBytes;
            long bytesPerRow = Math.max(1, batchBytes / batch.rowCount());
            fetchRows = (int) Math.max(1, Math.min(RowChunker.FETCH_ROWS, limits.maxUnaryResponseBytes() / bytesPerRow));
        }
        return rows;
    }
}
