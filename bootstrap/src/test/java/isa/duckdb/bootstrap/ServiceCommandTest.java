package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The Consul options: flags, defaults, validation, and the advertised host. */
class ServiceCommandTest {

    @Test
    void consulIsOffUnlessEnabled() {
        ServiceConfig config = parse("--data-path", "/tmp/unused");

        assertThat(config.consul().enabled()).isFalse();
    }

    @Test
    void consulFlagsSetTheAgentAndTheProductionTimings() {
        ServiceConfig config = parse("--consul-enabled", "--consul-host", "staging-consul", "--consul-port", "8501");

        ConsulConfig consul = config.consul();
        assertThat(consul.enabled()).isTrue();
        assertThat(consul.agentHost()).isEqualTo("staging-consul");
        assertThat(consul.agentPort()).isEqualTo(8501);
        assertThat(consul.advertisedHost()).isNotBlank();
        assertThat(consul.serviceId()).isEqualTo("duckdb-service-" + consul.advertisedHost());
        assertThat(consul.checkInterval()).isEqualTo(ConsulConfig.CHECK_INTERVAL);
    }

    @Test
    void consulCanBeSwitchedOffExplicitly() {
        assertThat(parse("--consul-enabled=false").consul().enabled()).isFalse();
    }

    @Test
    void anInvalidConsulPortStopsStartUpNamingTheOption() {
        StringWriter errors = new StringWriter();
        CommandLine commandLine = new CommandLine(new ServiceCommand()).setErr(new PrintWriter(errors));

        int exit = commandLine.execute("--consul-enabled", "--consul-port", "70000");

        assertThat(exit).isNotZero();
        assertThat(errors.toString()).contains("--consul-port (ISA_CLOUD_STORAGE_CONSUL_PORT) must be 1..65535, got 70000");
    }

    @Test
    void metricsLogsAndSlowQueriesDefaultToPort9464TextAndOneSecond() {
        ObservabilityConfig observability = parse().observability();

        assertThat(observability.metricsPort()).isEqualTo(9464);
        assertThat(observability.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(observability.slowQuery()).isEqualTo(java.time.Duration.ofSeconds(1));
    }

    @Test
    void theMetricsPortCanBeSwitchedOffAndLogsWrittenAsJson() {
        ObservabilityConfig observability = parse("--metrics-port", "0", "--log-format", "JSON", "--slow-query-ms",
                "250").observability();

        assertThat(observability.metricsEnabled()).isFalse();
        assertThat(observability.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(observability.slowQuery()).isEqualTo(java.time.Duration.ofMillis(250));
    }

    @Test
    void anUnknownLogFormatOrANegativeSlowQueryTimeStopsStartUpNamingTheOption() {
        StringWriter errors = new StringWriter();

        int formatExit = new CommandLine(new ServiceCommand()).setErr(new PrintWriter(errors))
                .execute("--log-format", "xml");
        int slowExit = new CommandLine(new ServiceCommand()).setErr(new PrintWriter(errors))
                .execute("--slow-query-ms", "-1");

        assertThat(formatExit).isNotZero();
        assertThat(slowExit).isNotZero();
        assertThat(errors.toString())
                .contains("--log-format (ISA_CLOUD_STORAGE_DUCKDB_LOG_FORMAT): expected text or json, got 'xml'")
                .contains("--slow-query-ms (ISA_CLOUD_STORAGE_DUCKDB_SLOW_QUERY_MS) may not be negative, got -1");
    }

    @Test
    void theAdvertisedHostIsServiceHostnameThenTheBoundAddressThenHostnameThenTheMachineName() {
        assertThat(AdvertisedHost.resolve(Map.of("SERVICE_HOSTNAME", "svc", "HOSTNAME", "box")::get, "10.0.0.5"))
                .isEqualTo("svc");
        assertThat(AdvertisedHost.resolve(Map.of("HOSTNAME", "box")::get, "10.0.0.5")).as("bound to one address")
                .isEqualTo("10.0.0.5");
        assertThat(AdvertisedHost.resolve(Map.of("SERVICE_HOSTNAME", " ", "HOSTNAME", "box")::get, "0.0.0.0"))
                .isEqualTo("box");
        assertThat(AdvertisedHost.resolve(Map.of("HOSTNAME", "box")::get, "::")).isEqualTo("box");
        assertThat(AdvertisedHost.resolve(Map.<String, String>of()::get, "0.0.0.0")).isNotBlank();
    }

    private static ServiceConfig parse(String... args) {
        CommandLine commandLine = new CommandLine(new ServiceCommand());
        assertThat(commandLine.execute(args)).isZero();
        return commandLine.getExecutionResult();
    }
}
