package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** docker-compose.yml read as YAML: what `docker compose up --build` needs to start healthy and observable. */
class ComposeFileTest {

    private static final Map<String, Set<String>> INFRASTRUCTURE_OF = Map.of(
            "gateway-service", Set.of("redis"),
            "auth-service", Set.of("postgres", "redis"),
            "ingestion-service", Set.of("postgres", "rabbitmq", "minio", "qdrant"),
            "rag-service", Set.of("redis", "rabbitmq", "qdrant"),
            "exam-service", Set.of("postgres", "rabbitmq", "qdrant"),
            "planner-service", Set.of("postgres", "rabbitmq"));
    private static final Set<String> INFRASTRUCTURE =
            Set.of("postgres", "redis", "rabbitmq", "qdrant", "minio", "prometheus", "grafana");
    /** registry/name:tag with a concrete tag (a version, never latest). */
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+:(?!latest$)[A-Za-z0-9][A-Za-z0-9._-]*");

    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        compose = new YAMLMapper()
                .readTree(Repo.root().resolve("docker-compose.yml").toFile());
    }

    private static JsonNode services() {
        return compose.get("services");
    }

    @Test
    void runsTheInfrastructureAndTheSixServices() {
        Set<String> names = new HashSet<>(services().propertyNames());
        assertThat(names).containsAll(INFRASTRUCTURE).containsAll(INFRASTRUCTURE_OF.keySet());
    }

    @Test
    void everyServiceHasAnImageAHealthCheckAndAMemoryLimit() {
        for (var entry : services().properties()) {
            JsonNode service = entry.getValue();
            String name = entry.getKey();
            assertThat(service.has("image") || service.has("build"))
                    .as(name + " image or build")
                    .isTrue();
            JsonNode test = service.at("/healthcheck/test");
            assertThat(test.isArray() && test.size() > 1)
                    .as(name + " healthcheck")
                    .isTrue();
            assertThat(test.get(0).asString()).isIn("CMD", "CMD-SHELL");
            assertThat(service.at("/deploy/resources/limits/memory").asString())
                    .as(name + " memory limit")
                    .matches("\\d+[kmg]");
        }
    }

    @Test
    void pinsEveryThirdPartyImage() {
        for (String name : INFRASTRUCTURE) {
            assertThat(services().get(name).get("image").asString()).as(name).matches(PINNED);
        }
    }

    @Test
    void keepsInfrastructureDataInNamedVolumes() {
        Set<String> declared = new HashSet<>(compose.get("volumes").propertyNames());
        for (String name : List.of("postgres", "redis", "rabbitmq", "qdrant", "minio", "prometheus", "grafana")) {
            List<String> named = services()
                    .get(name)
                    .get("volumes")
                    .valueStream()
                    .map(JsonNode::asString)
                    .filter(v -> !v.startsWith("./"))
                    .map(v -> v.substring(0, v.indexOf(':')))
                    .toList();
            assertThat(named).as(name + " named volume").isNotEmpty();
            assertThat(declared).containsAll(named);
        }
    }

    @Test
    void startsEachServiceAfterOnlyItsHealthyInfrastructure() {
        INFRASTRUCTURE_OF.forEach((name, infrastructure) -> {
            JsonNode dependsOn = services().get(name).get("depends_on");
            assertThat(dependsOn.propertyNames()).as(name).containsExactlyInAnyOrderElementsOf(infrastructure);
            dependsOn
                    .properties()
                    .forEach(d -> assertThat(d.getValue().get("condition").asString())
                            .as(name + " -> " + d.getKey())
                            .isEqualTo("service_healthy"));
        });
    }

    @Test
    void buildsEachServiceFromTheOneDockerfileReadOnly() {
        INFRASTRUCTURE_OF.keySet().forEach(name -> {
            JsonNode service = services().get(name);
            assertThat(service.at("/build/context").asString()).isEqualTo(".");
            assertThat(service.at("/build/args/SERVICE").asString()).isEqualTo(name);
            assertThat(service.get("read_only").asBoolean())
                    .as(name + " read_only")
                    .isTrue();
            assertThat(service.get("tmpfs").get(0).asString()).startsWith("/tmp");
        });
    }

    @Test
    void givesEveryServiceTheInfrastructureSettingsItReads() throws IOException {
        for (String name : INFRASTRUCTURE_OF.keySet()) {
            Set<String> given =
                    new HashSet<>(services().get(name).get("environment").propertyNames());
            assertThat(given).as(name).containsAll(ServiceSettings.infrastructureVariables(name));
        }
    }

    @Test
    void usesTheProductionAdapters() {
        for (String name : List.of("ingestion-service", "rag-service", "exam-service")) {
            JsonNode env = services().get(name).get("environment");
            assertThat(env.get("STUDILO_KNOWLEDGE_INDEX").asString()).as(name).isEqualTo("qdrant");
        }
        assertThat(services().at("/ingestion-service/environment/S3_ENDPOINT").asString())
                .isEqualTo("http://minio:9000");
    }

    @Test
    void mountsTheChartsOneCopyOfRulesAndDashboardsAndTheyExist() throws IOException {
        List<String> mounts = new java.util.ArrayList<>();
        for (String name : List.of("prometheus", "grafana")) {
            services()
                    .get(name)
                    .get("volumes")
                    .valueStream()
                    .map(JsonNode::asString)
                    .filter(v -> v.startsWith("./"))
                    .forEach(mounts::add);
        }
        assertThat(mounts)
                .anyMatch(m -> m.startsWith("./helm/studilo/rules/studilo-alerts.yaml:"))
                .anyMatch(m -> m.startsWith("./helm/studilo/dashboards:"));
        for (String mount : mounts) {
            String source = mount.substring(2, mount.indexOf(':'));
            assertThat(Files.exists(Repo.root().resolve(source))).as(source).isTrue();
        }
    }

    @Test
    void prometheusScrapesEveryServicesManagementPort() throws IOException {
        JsonNode prometheus = new YAMLMapper()
                .readTree(Repo.root().resolve("compose/prometheus.yml").toFile());
        Set<String> targets = new HashSet<>();
        for (JsonNode job : prometheus.get("scrape_configs")) {
            assertThat(job.get("metrics_path").asString()).isEqualTo("/actuator/prometheus");
            job.at("/static_configs/0/targets").forEach(t -> targets.add(t.asString()));
        }
        INFRASTRUCTURE_OF.keySet().forEach(name -> {
            String port =
                    services().at("/" + name + "/environment/MANAGEMENT_PORT").asString();
            assertThat(targets).contains(name + ":" + port);
        });
    }
}
