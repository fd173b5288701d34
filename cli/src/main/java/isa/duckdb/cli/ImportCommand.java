package isa.duckdb.cli;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import isa.duckdb.api.ImportDataMetadata;
import isa.duckdb.api.ImportDataRequest;
import isa.duckdb.api.ImportDataResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import FILE --table T}: streams a local file to the service with ImportData, 1 MiB per message and only
 * as fast as gRPC flow control lets it (the file is never held in memory), showing progress on standard error.
 */
@Command(name = "import", description = "Load a local file into a table of --database (created if missing).")
final class ImportCommand extends ServiceCall {
    static final int CHUNK_BYTES = 1024 * 1024;

    @Parameters(paramLabel = "FILE", description = "A csv, tsv, parquet, json or ndjson file")
    Path file;

    @Option(names = {"-t", "--table"}, required = true, paramLabel = "TABLE", description = "The table to load into")
    String table;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, tsv, parquet, json, ndjson. Default: "
            + "from the file's extension, else csv")
    String format;

    @Option(names = "--progress", paramLabel = "auto|bar|plain|none", defaultValue = "auto",
            description = "A bar on a terminal, lines otherwise (auto). Default: ${DEFAULT-VALUE}")
    String progressMode;

    @Override
    int run(Connection connection) {
        long size;
        InputStream in;
        try {
            size = Files.size(file);
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new CliFailure("FILE", "cannot read " + file + ": " + e.getMessage());
        }
        ImportDataMetadata metadata = ImportDataMetadata.newBuilder().setUserId(cli.user())
                .setDatabaseId(cli.database("import")).setTableName(table).setFormat(format()).setTotalSize(size).build();
        long start = System.nanoTime();
        ImportDataResponse response;
        try (in; ImportProgress progress = ImportProgress.of(progressMode, "import " + file.getFileName(), size, err())) {
            Upload upload = new Upload(metadata, in, progress);
            connection.async().importData(upload);
            response = upload.result.get();
        } catch (IOException e) {
            throw new CliFailure("FILE", "cannot read " + file + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("CANCELLED", "interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusRuntimeException s ? CliFailure.fromStatus(s)
                    : e.getCause() instanceof CliFailure f ? f : new CliFailure("UNKNOWN", e.getCause().toString());
        }
        check(response.getSuccess(), response.getError());
        out().println(String.format(Locale.ROOT, "imported %d rows into %s (%.1f MB in %.1f s)",
                response.getRowsImported(), table, size / 1_048_576.0, (System.nanoTime() - start) / 1e9));
        return ExitCodes.OK;
    }

    private String format() {
        if (format != null) {
            return format;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return switch (extension) {
            case "tsv", "parquet", "json", "ndjson", "jsonl" -> extension;
            default -> "csv";
        };
    }

    /** Sends the metadata, then the file's chunks while the call is ready; completes with the answer. */
    private static final class Upload implements ClientResponseObserver<ImportDataRequest, ImportDataResponse> {
        final CompletableFuture<ImportDataResponse> result = new CompletableFuture<>();
        private final ImportDataMetadata metadata;
        private final InputStream in;
        private final ImportProgress progress;
        private ClientCallStreamObserver<ImportDataRequest> requests;
        private ImportDataResponse answer;
        private boolean metadataSent;
        private boolean done;
        private long sent;

        Upload(ImportDataMetadata metadata, InputStream in, ImportProgress progress) {
            this.metadata = metadata;
            this.in = in;
            this.progress = progress;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ImportDataRequest> call) {
            requests = call;
            call.setOnReadyHandler(this::pump);
        }

        private synchronized void pump() {
            try {
                while (!done && requests.isReady()) {
                    if (!metadataSent) {
                        requests.onNext(ImportDataRequest.newBuilder().setMetadata(metadata).build());
                        metadataSent = true;
                        continue;
                    }
                    byte[] chunk = in.readNBytes(CHUNK_BYTES);
                    if (chunk.length == 0) {
                        done = true;
                        requests.onCompleted();
                        return;
                    }
                    requests.onNext(ImportDataRequest.newBuilder().setChunk(ByteString.copyFrom(chunk)).build());
                    sent += chunk.length;
                    progress.sent(sent);
                }
            } catch (IOException e) {
                done = true;
                requests.onError(Status.CANCELLED.withDescription("the client could not read its file").asException());
                result.completeExceptionally(new CliFailure("FILE", "cannot read the file: " + e.getMessage()));
            }
        }

        @Override
        public void onNext(ImportDataResponse value) {
            answer = value;
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            result.complete(answer);
        }
    }
}
