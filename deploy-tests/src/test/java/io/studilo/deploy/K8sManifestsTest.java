package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The platform manifests and chart values in k8s/: they parse, known kinds strictly, and have the HA shape. */
class K8sManifestsTest {

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<HasMetadata> manifests() throws IOException {
        return yamlFiles(Repo.root().resolve("k8s")).stream()
                .filter(f -> !f.getFileName().toString().endsWith("values.yaml"))
                .flatMap(f -> {
                    try {
                        return Rendered.parse(Files.readString(f)).objects().stream();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static GenericKubernetesResource custom(String kind) throws IOException {
        return manifests().stream()
                .filter(o -> o.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    @Test
    void everyManifestParsesWithOnlyKnownFields() throws IOException {
        List<HasMetadata> manifests = manifests();
        assertThat(manifests).hasSizeGreaterThan(10);
        for (HasMetadata object : manifests) {
            assertThat(object.getMetadata().getName()).isNotBlank();
            assertThat(StrictModel.unknownFields(object))
                    .as(object.getKind() + "/" + object.getMetadata().getName())
                    .isEmpty();
        }
    }

    @Test
    void everyValuesFileIsYaml() throws IOException {
        for (Path file : yamlFiles(Repo.root().resolve("k8s"))) {
            if (file.getFileName().toString().endsWith("values.yaml")) {
                assertThat(new YAMLMapper().readTree(file.toFile()).isObject())
                        .as(file.toString())
                        .isTrue();
            }
        }
    }

    @Test
    void runsPostgresAsThreeInstancesWithReplicas() throws IOException {
        GenericKubernetesResource cluster = custom("Cluster");
        assertThat(cluster.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat((Integer) cluster.get("spec", "instances")).isEqualTo(3);
        assertThat(cluster.getMetadata().getName()).isEqualTo("studilo-db");
    }

    @Test
    void runsRabbitmqAsThreeNodesWithQuorumQueues() throws IOException {
        GenericKubernetesResource rabbit = custom("RabbitmqCluster");
        assertThat((Integer) rabbit.get("spec", "replicas")).isEqualTo(3);
        assertThat((String) rabbit.get("spec", "rabbitmq", "additionalConfig")).contains("default_queue_type = quorum");
    }

    @Test
    void runsRedisWithSentinelFromTheOfficialImage() throws IOException {
        StatefulSet redis = manifests().stream()
                .filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast)
                .filter(s -> s.getMetadata().getName().equals("redis"))
                .findFirst()
                .orElseThrow();
        assertThat(redis.getSpec().getReplicas()).isEqualTo(3);
        List<Container> containers = redis.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).containsExactlyInAnyOrder("redis", "sentinel");
        assertThat(containers).allSatisfy(c -> {
            assertThat(c.getImage()).matches("redis:\\d+\\.\\d+\\.\\d+");
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        });
        assertThat(containers.get(1).getCommand()).contains("--sentinel");
    }

    @Test
    void replicatesQdrantAndDistributesMinio() throws IOException {
        JsonNode qdrant = new YAMLMapper()
                .readTree(Repo.root().resolve("k8s/qdrant/values.yaml").toFile());
        assertThat(qdrant.get("replicaCount").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(qdrant.at("/config/cluster/enabled").asBoolean()).isTrue();
        JsonNode minio = new YAMLMapper()
                .readTree(Repo.root().resolve("k8s/minio/values.yaml").toFile());
        assertThat(minio.get("mode").asString()).isEqualTo("distributed");
        assertThat(minio.get("replicas").asInt()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void letsGrafanaLoadTheChartsDashboards() throws IOException {
        JsonNode stack = new YAMLMapper()
                .readTree(Repo.root()
                        .resolve("k8s/monitoring/kube-prometheus-stack-values.yaml")
                        .toFile());
        JsonNode chart =
                new YAMLMapper().readTree(Repo.chart().resolve("values.yaml").toFile());
        assertThat(stack.at("/grafana/sidecar/dashboards/label").asString())
                .isEqualTo(chart.at("/dashboards/label").asString());
        assertThat(stack.at("/prometheus/prometheusSpec/serviceMonitorSelector/matchLabels"))
                .isEqualTo(chart.at("/serviceMonitor/labels"));
        assertThat(stack.at("/prometheus/prometheusSpec/ruleSelector/matchLabels"))
                .isEqualTo(chart.at("/prometheusRule/labels"));
    }

    @Test
    void shipsLogsWithEck() throws IOException {
        assertThat(manifests()).extracting(HasMetadata::getKind).contains("Elasticsearch", "Kibana", "Beat");
    }

    @Test
    void usesNoBitnamiChartOrImage() throws IOException {
        for (Path dir : List.of(Repo.root().resolve("k8s"), Repo.chart())) {
            for (Path file : yamlFiles(dir)) {
                assertThat(Files.readString(file).toLowerCase())
                        .as(file.toString())
                        .doesNotContain("bitnami");
            }
        }
        assertThat(Files.readString(Repo.root().resolve("docker-compose.yml")).toLowerCase())
                .doesNotContain("bitnami");
    }
}
