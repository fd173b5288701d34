package isa.duckdb.bootstrap;

import isa.duckdb.domain.ByteSize;
import isa.duckdb.domain.ServiceException;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The service-wide resource bound flags of {@link ServiceCommand} (README, "Resource bounds"). */
final class ResourceOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--process-memory-limit", paramLabel = "SIZE",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_PROCESS_MEMORY_LIMIT:-auto}",
            description = "Resident memory of the whole service process above which running queries are stopped with "
                    + "RESOURCE_EXHAUSTED, e.g. 8GiB; auto: 75%% of the container's or machine's memory; 0: off. Each "
                    + "database's --memory-limit is lowered to fit under it. "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_PROCESS_MEMORY_LIMIT. Default: ${DEFAULT-VALUE}")
    String processMemoryLimit;

    @Option(names = "--stream-idle-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_STREAM_IDLE_TIMEOUT:-120}",
            description = "A result stream whose client reads nothing for this long is ended with DEADLINE_EXCEEDED and "
                    + "its query stopped; 0: never. Env ISA_CLOUD_STORAGE_DUCKDB_STREAM_IDLE_TIMEOUT. "
                    + "Default: ${DEFAULT-VALUE}")
    int streamIdleTimeoutSeconds;

    @Option(names = "--max-upload-size", paramLabel = "SIZE",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MAX_UPLOAD_SIZE:-10GiB}",
            description = "Bytes one ImportData stream may carry; more is refused with RESOURCE_EXHAUSTED and nothing "
                    + "is imported; 0: no limit. Env ISA_CLOUD_STORAGE_DUCKDB_MAX_UPLOAD_SIZE. Default: ${DEFAULT-VALUE}")
    String maxUploadSize;

    @Option(names = "--upload-idle-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_UPLOAD_IDLE_TIMEOUT:-60}",
            description = "An ImportData stream that sends nothing for this long is ended with DEADLINE_EXCEEDED and "
                    + "nothing is imported; 0: never. Env ISA_CLOUD_STORAGE_DUCKDB_UPLOAD_IDLE_TIMEOUT. "
                    + "Default: ${DEFAULT-VALUE}")
    int uploadIdleTimeoutSeconds;

    @Option(names = "--max-temp-directory-size", paramLabel = "SIZE",
            defaultValue = "${env:ISA_CLOUD_STORAGE_DUCKDB_MAX_TEMP_DIRECTORY_SIZE:-0}",
            description = "DuckDB's max_temp_directory_size per open database: how much a query may spill to disk, "
                    + "e.g. 20GB; 0: DuckDB's default (90%% of the free disk). "
                    + "Env ISA_CLOUD_STORAGE_DUCKDB_MAX_TEMP_DIRECTORY_SIZE. Default: ${DEFAULT-VALUE}")
    String maxTempDirectorySize;

    /** Validates the flags and puts them into the builder. */
    void applyTo(ServiceConfigBuilder builder) {
        require(streamIdleTimeoutSeconds >= 0, "--stream-idle-timeout may not be negative");
        require(uploadIdleTimeoutSeconds >= 0, "--upload-idle-timeout may not be negative");
        ByteSize processLimit = processMemoryLimit.trim().equalsIgnoreCase("auto")
                ? HostMemory.defaultProcessLimit() : size(processMemoryLimit, "--process-memory-limit");
        ResourceBounds defaults = ResourceBounds.defaults();
        builder.resourceBounds(new ResourceBounds(processLimit, defaults.memoryCheckInterval(),
                Duration.ofSeconds(streamIdleTimeoutSeconds), size(maxUploadSize, "--max-upload-size"),
                Duration.ofSeconds(uploadIdleTimeoutSeconds), size(maxTempDirectorySize, "--max-temp-directory-size")));
    }

    private ByteSize size(String text, String flag) {
        try {
            return ByteSize.parse(text, flag);
        } catch (ServiceException e) {
            throw new ParameterException(spec.commandLine(), e.detail());
        }
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
