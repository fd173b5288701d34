package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.api.ArrowResultChunk;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.Row;
import org.junit.jupiter.api.Test;

/** The rows a call log line and the streamed-rows metric count, per kind of response. */
class CallFactsTest {

    @Test
    void rowsAreTheRowsEachKindOfResponseCarriesOrReports() {
        assertThat(CallFacts.rows(QueryResultChunk.newBuilder().addRows(Row.getDefaultInstance())
                .addRows(Row.getDefaultInstance()).build())).isEqualTo(2);
        assertThat(CallFacts.rows(ArrowResultChunk.newBuilder().setRowCount(8192).build())).isEqualTo(8192);
        assertThat(CallFacts.rows(ExecuteStatementResponse.newBuilder().setAffectedRows(3).build())).isEqualTo(3);
    }
}
