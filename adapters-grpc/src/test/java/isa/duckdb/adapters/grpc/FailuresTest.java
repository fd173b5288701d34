package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import isa.duckdb.api.ExecuteQueryRequest;
import isa.duckdb.api.ExecuteStatementRequest;
import isa.duckdb.api.ExecuteStatementResponse;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import isa.duckdb.api.ImportFromMinIORequest;
import isa.duckdb.api.ImportFromMinIOResponse;
import isa.duckdb.api.QueryResultChunk;
import isa.duckdb.api.Value;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where each kind of failure reaches the caller, and how INTERNAL/UNAVAILABLE answers are logged. */
class FailuresTest {
    private static final Pattern INCIDENT = Pattern.compile("\\(incident ([0-9a-f]{8})\\)$");

    private final UseCaseStubs stubs = new UseCaseStubs();
    private final InProcessService service = InProcessService.start(stubs);
    private final LogCapture log = LogCapture.of(Failures.class);

    @AfterEach
    void stop() throws Exception {
        log.close();
        service.close();
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, names = {"PERMISSION_DENIED", "UNAUTHENTICATED", "DEADLINE_EXCEEDED",
            "CANCELLED"})
    void kindsTheContractSendsAsAStatusArriveAsThatStatus(ErrorKind kind) {
        stubs.statements.affected.fails(new ServiceException(kind, "refused here"));

        assertThatThrownBy(() -> service.blocking().executeStatement(statement()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.valueOf(kind.name()));
                    assertThat(e.getStatus().getDescription()).isEqualTo(kind.name() + ": refused here");
                });
        assertThat(log.events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ErrorKind.class, mode = EnumSource.Mode.EXCLUDE, names = {"PERMISSION_DENIED",
            "UNAUTHENTICATED", "DEADLINE_EXCEEDED", "CANCELLED", "INTERNAL", "UNAVAILABLE"})
    void otherKindsArriveInTheBodyWithTheirCodeWordFirstAndAreNotLogged(ErrorKind kind) {
        stubs.statements.affected.fails(new ServiceException(kind, "the request cannot be served"));

        ExecuteStatementResponse response = service.blocking().executeStatement(statement());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).isEqualTo(kind.name() + ": the request cannot be served");
        assertThat(log.events()).isEmpty();
    }

    @Test
    void anUnexpectedExceptionIsInternalWithAnIncidentIdAndNothingOfItsOwnOnTheWire() {
        stubs.statements.affected.fails(new IllegalStateException("pool broken at /var/lib/duckdb/alice/sales.duckdb"));

        ExecuteStatementResponse response = service.blocking().executeStatement(statement());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).startsWith("INTERNAL: unexpected server error (incident ")
                .doesNotContain("IllegalStateException", "/var/lib", "pool broken", "\tat ");
        ILoggingEvent event = onlyEvent();
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).contains(incidentOf(response.getError()));
        assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(event.getThrowableProxy().getMessage()).contains("pool broken");
    }

    @Test
    void aDeliberateInternalFailureIsLoggedOnceAsErrorWithItsCauseAndTheCallerSeesTheSameIncidentId() {
        stubs.statements.affected.fails(new ServiceException(ErrorKind.INTERNAL, "the catalog is inconsistent",
                new IOException("checksum mismatch")));

        ExecuteStatementResponse response = service.blocking().executeStatement(statement());

        assertThat(response.getError()).matches("INTERNAL: the catalog is inconsistent \\(incident [0-9a-f]{8}\\)");
        ILoggingEvent event = onlyEvent();
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage())
                .contains("isa.duckdb.DuckDBService/ExecuteStatement", incidentOf(response.getError()),
                        "the catalog is inconsistent");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("INTERNAL: the catalog is inconsistent");
        assertThat(event.getThrowableProxy().getCause().getMessage()).isEqualTo("checksum mismatch");
        assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }

    @Test
    void anUnavailableAnswerIsLoggedOnceAsAWarning() {
        stubs.transfers.imported.fails(new ServiceException(ErrorKind.UNAVAILABLE, "object storage does not answer",
                new UncheckedIOException(new IOException("connection refused"))));

        ImportFromMinIOResponse response = service.blocking().importFromMinIO(ImportFromMinIORequest.newBuilder()
                .setUserId("alice").setDatabaseId("sales").setTableName("t").setBucketName("b").setObjectKey("k")
                .build());

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).startsWith("UNAVAILABLE: object storage does not answer (incident ");
        ILoggingEvent event = onlyEvent();
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getFormattedMessage()).contains(incidentOf(response.getError()));
        assertThat(event.getThrowableProxy().getCause().getCause().getMessage()).isEqualTo("connection refused");
    }

    @Test
    void anUnavailableFailureInTheMiddleOfAStreamIsOneErrorChunkAndOneWarning() {
        StubQuery query = StubQuery.rows(100_000, 1000)
                .failingAfter(3 * RowChunker.FETCH_ROWS, new ServiceException(ErrorKind.UNAVAILABLE, "engine gone"));
        stubs.queries.opens.is(query);

        List<QueryResultChunk> chunks = new ArrayList<>();
        service.blocking().executeQueryStream(query()).forEachRemaining(chunks::add);

        QueryResultChunk last = chunks.get(chunks.size() - 1);
        assertThat(chunks.get(0).getSuccess()).isTrue();
        assertThat(last.getSuccess()).isFalse();
        assertThat(last.getIsLast()).isTrue();
        assertThat(last.getError()).startsWith("UNAVAILABLE: engine gone (incident ");
        ILoggingEvent event = onlyEvent();
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getFormattedMessage()).contains("ExecuteQueryStream", incidentOf(last.getError()));
    }

    @Test
    void anUploadThatFailsUnexpectedlyOnCompletionIsLoggedOnceAndAnsweredWithItsIncidentId() throws Exception {
        UseCaseStubs.RecordingImport upload = new UseCaseStubs.RecordingImport();
        upload.rows.fails(new NullPointerException());
        stubs.uploads.next.is(upload);

        ImportDataResponse response = ImportCalls.send(service, List.of(
                ImportDataRequest.newBuilder().setMetadata(ImportDataMetadata.newBuilder().setUserId("alice")
                        .setDatabaseId("sales").setTableName("events").setFormat("csv")).build(),
                ImportDataRequest.newBuilder().setChunk(ByteString.copyFromUtf8("a,b\n")).build()));

        assertThat(response.getSuccess()).isFalse();
        assertThat(response.getError()).startsWith("INTERNAL: unexpected server error (incident ");
        ILoggingEvent event = onlyEvent();
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).contains("ImportData", incidentOf(response.getError()));
    }

    @Test
    void theLogLineCarriesNeitherTheRequestSqlNorItsParameters() {
        stubs.queries.opens.fails(new ServiceException(ErrorKind.INTERNAL, "the engine failed"));

        var response = service.blocking().executeQuery(ExecuteQueryRequest.newBuilder().setUserId("alice")
                .setDatabaseId("sales").setQuery("SELECT * FROM accounts WHERE token = ?")
                .putParameters("1", Value.newBuilder().setStringValue("s3cr3t-t0ken").build()).build());

        assertThat(response.getError()).startsWith("INTERNAL: the engine failed (incident ");
        ILoggingEvent event = onlyEvent();
        assertThat(event.getFormattedMessage()).doesNotContain("SELECT", "s3cr3t-t0ken");
        assertThat(event.getThrowableProxy().getMessage()).doesNotContain("SELECT", "s3cr3t-t0ken");
    }

    private ILoggingEvent onlyEvent() {
        assertThat(log.events()).hasSize(1);
        return log.events().get(0);
    }

    private static String incidentOf(String error) {
        Matcher matcher = INCIDENT.matcher(error);
        assertThat(matcher.find()).as("an incident id at the end of '%s'", error).isTrue();
        return matcher.group(1);
    }

    private static ExecuteStatementRequest statement() {
        return ExecuteStatementRequest.newBuilder().setUserId("alice").setDatabaseId("sales")
                .setStatement("DELETE FROM t").build();
    }

    private static ExecuteQueryRequest query() {
        return ExecuteQueryRequest.newBuilder().setUserId("alice").setDatabaseId("sales").setQuery("SELECT 1").build();
    }
}
