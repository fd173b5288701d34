package isa.duckdb.adapters.grpc;

import isa.duckdb.api.Row;
import isa.duckdb.application.port.in.OpenQuery;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.ArrayList;
import java.util.List;

/** All rows of a query for a unary response, refused once they would not fit in one message. */
final class UnaryRows {
    private static final int PER_ROW_FRAMING = 6;

    private UnaryRows() {
    }

    static List<Row> collect(OpenQuery query, StreamLimits limits) {
        RowChunker chunker = new RowChunker(query, limits.maxUnaryResponseBytes(), limits.maxChunkBytes());
        List<Row> rows = new ArrayList<>();
        long bytes = 0;
        for (List<Row> group = chunker.nextGroup(); !group.isEmpty(); group = chunker.nextGroup()) {
            for (Row row : group) {
                bytes += row.getSerializedSize() + PER_ROW_FRAMING;
            }
            if (bytes > limits.maxUnaryResponseBytes()) {
                throw new ServiceException(ErrorKind.RESOURCE_EXHAUSTED, "the result is larger than "
                        + limits.maxUnaryResponseBytes() + " bytes after " + rows.size()
                        + " rows; use ExecuteQueryStream or set max_rows");
            }
            rows.addAll(group);
        }
        return rows;
    }
}
