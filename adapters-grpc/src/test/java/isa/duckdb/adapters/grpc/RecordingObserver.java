package isa.duckdb.adapters.grpc;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Keeps what a call answered: its messages, then how it ended. */
final class RecordingObserver<T> implements StreamObserver<T> {
    final List<T> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    @Override
    public void onNext(T message) {
        messages.add(message);
    }

    @Override
    public void onError(Throwable t) {
        ended.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        ended.complete(null);
    }

    /** The messages once the call completed; rethrows the status it ended with otherwise. */
    List<T> awaitCompletion() throws InterruptedException, TimeoutException {
        try {
            ended.get(10, TimeUnit.SECONDS);
            return List.copyOf(messages);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
