package isa.duckdb.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import isa.duckdb.api.DuckDBServiceGrpc;
import isa.duckdb.api.GetMetricsRequest;
import isa.duckdb.api.GetMetricsResponse;
import isa.duckdb.api.HealthCheckRequest;
import isa.duckdb.api.HealthCheckResponse;
import isa.duckdb.api.ListViewsRequest;
import isa.duckdb.api.ListViewsResponse;
import isa.duckdb.domain.ErrorKind;
import isa.duckdb.domain.ServiceException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallMetricsInterceptorTest {
    private final RpcMetrics metrics = new RpcMetrics();
    private Server server;
    private ManagedChannel channel;
    private DuckDBServiceGrpc.DuckDBServiceBlockingStub stub;

    /** Answers HealthCheck, fails GetMetrics in the body, and ListViews with a status. */
    private static final class Answers extends DuckDBServiceGrpc.DuckDBServiceImplBase {
        @Override
        public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckResponse> observer) {
            UnaryCalls.answer(observer, () -> HealthCheckResponse.newBuilder().setSuccess(true).build(),
                    error -> HealthCheckResponse.newBuilder().setError(error).build());
        }

        @Override
        public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> observer) {
            UnaryCalls.answer(observer, () -> {
                throw ServiceException.notFound("nothing here");
            }, error -> GetMetricsResponse.newBuilder().setSuccess(false).setError(error).build());
        }

        @Override
        public void listViews(ListViewsRequest request, StreamObserver<ListViewsResponse> observer) {
            UnaryCalls.answer(observer, () -> {
                throw new ServiceException(ErrorKind.PERMISSION_DENIED, "user_id is required");
            }, error -> ListViewsResponse.newBuilder().setError(error).build());
        }
    }

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new Answers(), new CallMetricsInterceptor(metrics)))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stub = DuckDBServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void countsCallsPerMethodWithBodyAndStatusFailuresAsErrors() {
        stub.healthCheck(HealthCheckRequest.getDefaultInstance());
        stub.healthCheck(HealthCheckRequest.getDefaultInstance());
        assertThat(stub.getMetrics(GetMetricsRequest.getDefaultInstance()).getSuccess()).isFalse();
        assertThatThrownBy(() -> stub.listViews(ListViewsRequest.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class);

        var byMethod = metrics.byMethod();
        assertThat(byMethod.get("isa.duckdb.DuckDBService/HealthCheck").calls()).isEqualTo(2);
        assertThat(byMethod.get("isa.duckdb.DuckDBService/HealthCheck").errors()).isZero();
        assertThat(byMethod.get("isa.duckdb.DuckDBService/GetMetrics").errors()).isEqualTo(1);
        assertThat(byMethod.get("isa.duckdb.DuckDBService/ListViews").errors()).isEqualTo(1);
        assertThat(byMethod.get("isa.duckdb.DuckDBService/HealthCheck").latency().count()).isEqualTo(2);
        assertThat(metrics.calls()).isEqualTo(4);
        assertThat(metrics.errors()).isEqualTo(2);
        assertThat(metrics.inFlight()).isZero();
    }

    @Test
    void anUnimplementedMethodIsAnError() {
        assertThatThrownBy(() -> stub.listTables(isa.duckdb.api.ListTablesRequest.getDefaultInstance()))
                .isInstanceOf(StatusRuntimeException.class);

        assertThat(metrics.byMethod().get("isa.duckdb.DuckDBService/ListTables").errors()).isEqualTo(1);
        assertThat(metrics.inFlight()).isZero();
    }
}
