package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import java.util.List;

/** Client side of ImportData: send messages, half-close, take the one answer. */
final class ImportCalls {
    private ImportCalls() {
    }

    /** @throws io.grpc.StatusRuntimeException when the call ended with a status */
    static ImportDataResponse send(InProcessService service, List<ImportDataRequest> messages) throws Exception {
        RecordingObserver<ImportDataResponse> answer = new RecordingObserver<>();
        StreamObserver<ImportDataRequest> requests = service.async().importData(answer);
        messages.forEach(requests::onNext);
        requests.onCompleted();
        List<ImportDataResponse> responses = answer.awaitCompletion();
        if (responses.size() != 1) {
            throw new AssertionError("ImportData answered " + responses.size() + " messages");
        }
        return responses.get(0);
    }
}
