package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.domain.ByteSize;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The resource bound flags, their defaults, and how they fit the databases' memory limit under the process's. */
class ResourceOptionsTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private static ResourceBounds parse(String... args) {
        CommandLine commandLine = new CommandLine(new ServiceCommand());
        assertThat(commandLine.execute(args)).isZero();
        return ((ServiceConfig) commandLine.getExecutionResult()).resourceBounds();
    }

    @Test
    void theFlagsSetEachBoundAndAutoTakesThreeQuartersOfTheHostsMemory() {
        ResourceBounds set = parse("--process-memory-limit", "8GiB", "--stream-idle-timeout", "30",
                "--max-upload-size", "2GB", "--upload-idle-timeout", "5", "--max-temp-directory-size", "20GB");
        ResourceBounds defaults = parse();

        assertThat(set.processMemoryLimit()).isEqualTo(ByteSize.of(8 * GIB));
        assertThat(set.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(set.maxUploadSize()).isEqualTo(ByteSize.of(2_000_000_000L));
        assertThat(set.uploadIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(set.maxTempDirectorySizeText()).isEqualTo("20000000000B");
        assertThat(defaults.processMemoryLimit().bytes())
                .isEqualTo(HostMemory.available().orElseThrow().bytes() / 100 * HostMemory.DEFAULT_PERCENT);
        assertThat(defaults.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(defaults.maxUploadSize()).isEqualTo(ByteSize.of(10 * GIB));
        assertThat(defaults.maxTempDirectorySizeText()).isEmpty();
    }

    @Test
    void aSizeThatIsNoSizeStopsStartUpNamingTheFlag() {
        StringWriter errors = new StringWriter();
        CommandLine commandLine = new CommandLine(new ServiceCommand()).setErr(new PrintWriter(errors));

        assertThat(commandLine.execute("--max-upload-size", "huge")).isNotZero();

        assertThat(errors.toString()).contains("--max-upload-size must be a size such as 512MB, 2GiB or 0, got 'huge'");
    }

    @Test
    void eachDatabasesMemoryLimitIsLoweredToFitUnderTheProcessLimitBesideTheHeap() {
        ResourceBounds bounds = ResourceBounds.defaults().withProcessMemoryLimit(ByteSize.of(4 * GIB));

        assertThat(bounds.databaseMemoryLimit("1GB", GIB)).isEqualTo("1GB");
        assertThat(bounds.databaseMemoryLimit("8GB", GIB)).isEqualTo(ByteSize.of(4 * GIB - GIB - (512L << 20))
                .duckDbText());
        assertThat(bounds.databaseMemoryLimit("8GB", 4 * GIB)).isEqualTo(ByteSize.of(64L << 20).duckDbText());
        assertThat(bounds.withProcessMemoryLimit(ByteSize.ZERO).databaseMemoryLimit("8GB", GIB)).isEqualTo("8GB");
    }

    @Test
    void aContainersCgroupLimitIsReadAndNoLimitIsNone() throws Exception {
        Path v2 = Files.writeString(dir.resolve("memory.max"), "2147483648\n");
        Path unlimited = Files.writeString(dir.resolve("unlimited"), "max\n");
        Path v1Unlimited = Files.writeString(dir.resolve("v1"), "9223372036854771712\n");

        assertThat(HostMemory.cgroupLimit(List.of(dir.resolve("missing"), v2))).contains(ByteSize.of(2 * GIB));
        assertThat(HostMemory.cgroupLimit(List.of(unlimited))).isEmpty();
        assertThat(HostMemory.cgroupLimit(List.of(v1Unlimited))).isEmpty();
    }
}
