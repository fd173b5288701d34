package isa.duckdb.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import isa.duckdb.adapters.grpc.GrpcServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The container files in {@code deployments/} parse and agree with the code: ports, the health
 * service name the probes ask for, the data path, grace periods, and every setting they pass is
 * one the service reads. (No Docker or Kubernetes runs here; this is what can be checked without.)
 */
class DeploymentFilesTest {
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
    private static final Set<String> SEED_VARIABLES = Set.of(
            "ISA_CLOUD_STORAGE_DUCKDB_DATABASE_PATH", "ISA_CLOUD_STORAGE_DUCKDB_MEMORY_LIMIT",
            "ISA_CLOUD_STORAGE_DUCKDB_THREADS", "ISA_CLOUD_STORAGE_MINIO_ENDPOINT",
            "ISA_CLOUD_STORAGE_MINIO_ACCESS_KEY", "ISA_CLOUD_STORAGE_MINIO_SECRET_KEY",
            "ISA_CLOUD_STORAGE_MINIO_USE_SSL", "ISA_CLOUD_STORAGE_CONSUL_ENABLED", "ISA_CLOUD_STORAGE_CONSUL_HOST",
            "ISA_CLOUD_STORAGE_CONSUL_PORT", "ISA_CLOUD_STORAGE_DUCKDB_GRPC_PORT");
    /** Passed on for the MinIO adapter, which is another issue's work. */
    private static final Set<String> READ_ONCE_MINIO_LANDS = Set.of("ISA_CLOUD_STORAGE_MINIO_ENDPOINT",
            "ISA_CLOUD_STORAGE_MINIO_ACCESS_KEY", "ISA_CLOUD_STORAGE_MINIO_SECRET_KEY",
            "ISA_CLOUD_STORAGE_MINIO_USE_SSL");

    private static Path deployments;
    private static Map<String, Object> compose;
    private static Map<String, Object> deployment;
    private static Map<String, Object> service;
    private static Map<String, Object> claim;
    private static List<String> dockerfile;

    @BeforeAll
    static void readFiles() throws IOException {
        deployments = Path.of(System.getProperty("deployments.dir", "../deployments")).toAbsolutePath().normalize();
        compose = yaml(deployments.resolve("compose/grpc-services.yml"));
        deployment = yaml(deployments.resolve("k8s/deployment.yaml"));
        service = yaml(deployments.resolve("k8s/service.yaml"));
        claim = yaml(deployments.resolve("k8s/pvc.yaml"));
        dockerfile = Files.readAllLines(deployments.resolve("Dockerfile"));
    }

    @Test
    void composeRunsMinioConsulAndTheServiceWithTheSeedSettings() {
        Map<String, Object> services = map(compose, "services");
        assertThat(services).containsOnlyKeys("minio", "consul", "duckdb-grpc-service");
        Map<String, Object> duckdb = map(services, "duckdb-grpc-service");
        assertThat(duckdb.get("container_name")).isEqualTo("isa-duckdb-grpc");
        assertThat(list(duckdb, "ports")).containsExactly("50052:50052", "9464:9464");
        assertThat(list(duckdb, "volumes")).containsExactly("duckdb-data:/data");
        Map<String, Object> env = map(duckdb, "environment");
        assertThat(env).containsKeys(SEED_VARIABLES.toArray(String[]::new));
        assertThat(env.get("ISA_CLOUD_STORAGE_DUCKDB_DATABASE_PATH")).isEqualTo("/data");
        assertThat(env.get("ISA_CLOUD_STORAGE_CONSUL_ENABLED")).isEqualTo("true");
        assertThat(env.get("ISA_CLOUD_STORAGE_CONSUL_HOST")).isEqualTo(map(services, "consul").get("container_name"));
        assertThat((String) env.get("ISA_CLOUD_STORAGE_MINIO_ENDPOINT"))
                .isEqualTo(map(services, "minio").get("container_name") + ":9000");
        assertThat(seconds((String) duckdb.get("stop_grace_period"))).as("draining, then final sync retries")
                .isGreaterThan(2 * Integer.parseInt((String) env.get("ISA_CLOUD_STORAGE_DUCKDB_SHUTDOWN_GRACE")));
    }

    @Test
    void everySettingTheFilesPassIsOneTheServiceReads() {
        Set<String> passed = new TreeSet<>();
        passed.addAll(map(map(map(compose, "services"), "duckdb-grpc-service"), "environment").keySet());
        passed.addAll(containerEnv().keySet());
        for (String line : dockerfile) {
            Matcher m = Pattern.compile("(ISA_CLOUD_STORAGE_[A-Z0-9_]+)=").matcher(line);
            while (m.find()) {
                passed.add(m.group(1));
            }
        }
        passed.removeIf(name -> !name.startsWith("ISA_CLOUD_STORAGE_"));

        Set<String> unread = new TreeSet<>(passed);
        unread.removeAll(variablesTheServiceReads());

        assertThat(unread).isSubsetOf(READ_ONCE_MINIO_LANDS);
    }

    @Test
    void theImageIsMultiStageNonRootWithTheDataVolumeAndTheJavaFlags() {
        List<String> froms = dockerfile.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).contains("maven").contains("17").endsWith(" AS build");
        assertThat(froms.get(1)).contains("17-jre");
        assertThat(instruction("USER")).isEqualTo("10001:10001");
        assertThat(instruction("EXPOSE")).isEqualTo("50052 9464");
        assertThat(instruction("VOLUME")).isEqualTo("[\"/data\"]");
        assertThat(String.join("\n", dockerfile)).contains("ISA_CLOUD_STORAGE_DUCKDB_DATABASE_PATH=/data");
        assertThat(instruction("ENTRYPOINT")).startsWith("[\"java\"")
                .contains("\"--add-opens=java.base/java.nio=ALL-UNNAMED\"", "\"-jar\", \"/app/duckdb-service.jar\"");
    }

    @Test
    void kubernetesProbesAskTheHealthServiceTheServerAnswersFor() {
        Map<String, Object> container = container();
        assertThat(list(container, "ports")).containsExactly(Map.of("name", "grpc", "containerPort", 50052),
                Map.of("name", "metrics", "containerPort", ObservabilityConfig.DEFAULT_METRICS_PORT));
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(map(map(container, probe), "grpc")).as(probe)
                    .isEqualTo(Map.of("port", 50052, "service", GrpcServices.HEALTH_SERVICE_NAME));
        }
        Map<String, String> env = containerEnv();
        assertThat(env.get("ISA_CLOUD_STORAGE_DUCKDB_GRPC_PORT")).isEqualTo("50052");
        assertThat((Integer) map(podSpec(), "securityContext").get("runAsUser")).isEqualTo(10001);
        assertThat((Integer) podSpec().get("terminationGracePeriodSeconds")).as("draining, then final sync retries")
                .isGreaterThan(2 * Integer.parseInt(env.get("ISA_CLOUD_STORAGE_DUCKDB_SHUTDOWN_GRACE")));
    }

    @Test
    void theMetricsPortIsExposedAndAnnotatedForScrapingWhereverTheServiceRuns() {
        String port = String.valueOf(ObservabilityConfig.DEFAULT_METRICS_PORT);
        Map<String, Object> scrape = Map.of("prometheus.io/scrape", "true", "prometheus.io/port", port,
                "prometheus.io/path", "/metrics");
        assertThat(containerEnv()).containsEntry("ISA_CLOUD_STORAGE_DUCKDB_METRICS_PORT", port);
        assertThat(map(map(map(map(deployment, "spec"), "template"), "metadata"), "annotations")).isEqualTo(scrape);
        assertThat(map(map(service, "metadata"), "annotations")).isEqualTo(scrape);
        assertThat(map(list(map(service, "spec"), "ports"), 1)).containsEntry("port", ObservabilityConfig.DEFAULT_METRICS_PORT)
                .containsEntry("targetPort", "metrics");
        Map<String, Object> compose = map(map(this.compose, "services"), "duckdb-grpc-service");
        assertThat(map(compose, "environment")).containsEntry("ISA_CLOUD_STORAGE_DUCKDB_METRICS_PORT", port);
        assertThat(map(compose, "labels")).isEqualTo(scrape);
    }

    @Test
    void kubernetesServiceVolumeAndClaimFitTogether() {
        assertThat(service.get("kind")).isEqualTo("Service");
        assertThat(map(service, "metadata").get("name")).isEqualTo("duckdb-service");
        Map<String, Object> port = map(list(map(service, "spec"), "ports"), 0);
        assertThat(port).containsEntry("port", 50052).containsEntry("targetPort", "grpc");
        Map<String, Object> podLabels = map(map(map(map(deployment, "spec"), "template"), "metadata"), "labels");
        assertThat(map(map(service, "spec"), "selector")).isEqualTo(podLabels);
        assertThat(map(map(map(deployment, "spec"), "selector"), "matchLabels")).isEqualTo(podLabels);

        Map<String, Object> mount = map(list(container(), "volumeMounts"), 0);
        assertThat(mount.get("mountPath")).isEqualTo(containerEnv().get("ISA_CLOUD_STORAGE_DUCKDB_DATABASE_PATH"));
        Map<String, Object> volume = map(list(podSpec(), "volumes"), 0);
        assertThat(volume.get("name")).isEqualTo(mount.get("name"));
        assertThat(map(volume, "persistentVolumeClaim").get("claimName")).isEqualTo(map(claim, "metadata").get("name"));
        assertThat(claim.get("kind")).isEqualTo("PersistentVolumeClaim");
        assertThat(list(map(claim, "spec"), "accessModes")).containsExactly("ReadWriteOnce");
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = yaml(deployments.resolve("k8s/kustomization.yaml"));
        assertThat(list(kustomization, "resources"))
                .containsExactlyInAnyOrder("pvc.yaml", "deployment.yaml", "service.yaml");
    }

    private static Set<String> variablesTheServiceReads() {
        Set<String> names = new HashSet<>();
        for (OptionSpec option : new CommandLine(new ServiceCommand()).getCommandSpec().interpolateVariables(false).options()) {
            String defaultValue = option.defaultValue();
            if (defaultValue != null) {
                Matcher m = ENV_DEFAULT.matcher(defaultValue);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names).contains("ISA_CLOUD_STORAGE_CONSUL_ENABLED", "ISA_CLOUD_STORAGE_DUCKDB_GRPC_PORT");
        return names;
    }

    private static String instruction(String keyword) {
        List<String> found = new ArrayList<>();
        for (String line : dockerfile) {
            if (line.startsWith(keyword + " ")) {
                found.add(line.substring(keyword.length() + 1).trim());
            }
        }
        assertThat(found).as(keyword).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> podSpec() {
        return map(map(map(deployment, "spec"), "template"), "spec");
    }

    private static Map<String, Object> container() {
        assertThat(deployment.get("kind")).isEqualTo("Deployment");
        return map(list(podSpec(), "containers"), 0);
    }

    private static Map<String, String> containerEnv() {
        Map<String, String> env = new HashMap<>();
        for (Object entry : list(container(), "env")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variable = (Map<String, Object>) entry;
            env.put((String) variable.get("name"), (String) variable.get("value"));
        }
        return env;
    }

    private static int seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(List<Object> parent, int index) {
        assertThat(parent).hasSizeGreaterThan(index);
        return (Map<String, Object>) parent.get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
