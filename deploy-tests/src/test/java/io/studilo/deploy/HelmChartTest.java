package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code helm lint} and {@code helm template} of every ci/*-values.yaml scenario, parsed strictly and checked. */
class HelmChartTest {

    private static final Map<Path, Rendered> RENDERED = new ConcurrentHashMap<>();
    private static final Set<String> SERVICES = Set.of("gateway", "auth", "ingestion", "rag", "exam", "planner");
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY|API_KEY|JWT_KEYS).*");

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Repo.chart().resolve("ci"))) {
            List<Path> list = files.filter(f -> f.getFileName().toString().endsWith("-values.yaml"))
                    .sorted()
                    .toList();
            assertThat(list).as("ci scenarios").hasSizeGreaterThanOrEqualTo(3);
            return list.stream();
        }
    }

    static Rendered rendered(Path scenario) {
        return RENDERED.computeIfAbsent(scenario, Rendered::of);
    }

    static Rendered defaults() {
        return rendered(Repo.chart().resolve("ci/default-values.yaml"));
    }

    @Test
    void lintsCleanInStrictMode() {
        var result = new Helm(Repo.chart()).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @Nested
    class EveryScenario {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.studilo.deploy.HelmChartTest#scenarios")
        void rendersOnlyFieldsTheKubernetesApiKnows(Path scenario) {
            Rendered rendered = rendered(scenario);
            assertThat(rendered.objects()).isNotEmpty();
            for (HasMetadata object : rendered.objects()) {
                assertThat(StrictModel.unknownFields(object))
                        .as(
                                "unknown fields in %s/%s",
                                object.getKind(), object.getMetadata().getName())
                        .isEmpty();
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.studilo.deploy.HelmChartTest#scenarios")
        void labelsEveryObjectTheKubernetesWay(Path scenario) {
            for (HasMetadata object : rendered(scenario).objects()) {
                assertThat(object.getMetadata().getLabels())
                        .as(
                                "labels of %s/%s",
                                object.getKind(), object.getMetadata().getName())
                        .containsEntry("app.kubernetes.io/name", "studilo")
                        .containsEntry("app.kubernetes.io/instance", Rendered.RELEASE)
                        .containsEntry("app.kubernetes.io/managed-by", "Helm")
                        .containsEntry("app.kubernetes.io/part-of", "studilo")
                        .containsKeys("app.kubernetes.io/version", "helm.sh/chart");
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.studilo.deploy.HelmChartTest#scenarios")
        void runsEveryPodNonRootReadOnlyWithoutCapabilities(Path scenario) {
            Rendered rendered = rendered(scenario);
            List<PodSpec> pods = Stream.concat(
                            rendered.all(Deployment.class).stream()
                                    .map(d -> d.getSpec().getTemplate().getSpec()),
                            rendered.all(Pod.class).stream().map(Pod::getSpec))
                    .toList();
            assertThat(pods).isNotEmpty();
            for (PodSpec pod : pods) {
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
                assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                        .isEqualTo("RuntimeDefault");
                assertThat(pod.getAutomountServiceAccountToken()).isFalse();
                for (Container c : pod.getContainers()) {
                    var sc = c.getSecurityContext();
                    assertThat(sc.getRunAsNonRoot()).as(c.getName()).isTrue();
                    assertThat(sc.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
                    assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
                    assertThat(sc.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
                    assertThat(sc.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
                    assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
                    assertThat(c.getResources().getLimits()).as(c.getName()).containsKey("memory");
                    assertThat(c.getResources().getRequests()).as(c.getName()).containsKey("memory");
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.studilo.deploy.HelmChartTest#scenarios")
        void probesTheActuatorHealthGroupsOnTheManagementPort(Path scenario) {
            for (Deployment deployment : rendered(scenario).all(Deployment.class)) {
                Container c = deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
                assertThat(c.getPorts()).extracting(p -> p.getName()).containsExactlyInAnyOrder("http", "management");
                assertProbe(c.getLivenessProbe(), "/actuator/health/liveness");
                assertProbe(c.getReadinessProbe(), "/actuator/health/readiness");
                assertProbe(c.getStartupProbe(), "/actuator/health/liveness");
                assertThat(c.getVolumeMounts())
                        .as("a writable /tmp on a read-only root")
                        .anyMatch(m -> m.getMountPath().equals("/tmp"));
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.studilo.deploy.HelmChartTest#scenarios")
        void referencesSecretsAndNeverInlinesThem(Path scenario) {
            Rendered rendered = rendered(scenario);
            assertThat(rendered.all(Secret.class))
                    .as("the chart creates no Secret")
                    .isEmpty();
            for (Deployment deployment : rendered.all(Deployment.class)) {
                for (EnvVar env : deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv()) {
                    if (SECRET_LIKE.matcher(env.getName()).matches()) {
                        assertThat(env.getValue()).as(env.getName()).isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef().getName())
                                .isNotBlank();
                    }
                }
            }
            for (ConfigMap configMap : rendered.all(ConfigMap.class)) {
                assertThat(configMap.getData().keySet())
                        .as(
                                "secret-like keys in ConfigMap %s",
                                configMap.getMetadata().getName())
                        .noneMatch(k -> SECRET_LIKE.matcher(k).matches());
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.studilo.deploy.HelmChartTest#scenarios")
        void annotatesPodsWithTheConfigChecksum(Path scenario) {
            for (Deployment deployment : rendered(scenario).all(Deployment.class)) {
                assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                        .hasEntrySatisfying(
                                "checksum/config", v -> assertThat(v).matches("[0-9a-f]{64}"));
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.studilo.deploy.HelmChartTest#scenarios")
        void wiresServicesAutoscalersAndBudgetsToTheirDeployments(Path scenario) {
            Rendered rendered = rendered(scenario);
            Map<String, Map<String, String>> podLabels = rendered.all(Deployment.class).stream()
                    .collect(Collectors.toMap(
                            d -> d.getMetadata().getName(),
                            d -> d.getSpec().getTemplate().getMetadata().getLabels()));
            assertThat(rendered.all(Service.class)).hasSameSizeAs(podLabels.keySet());
            for (Service service : rendered.all(Service.class)) {
                assertThat(podLabels.get(service.getMetadata().getName()))
                        .containsAllEntriesOf(service.getSpec().getSelector());
            }
            for (Deployment d : rendered.all(Deployment.class)) {
                assertThat(d.getSpec().getSelector().getMatchLabels())
                        .containsEntry(
                                "app.kubernetes.io/component",
                                d.getMetadata().getLabels().get("app.kubernetes.io/component"));
            }
            for (HorizontalPodAutoscaler hpa : rendered.all(HorizontalPodAutoscaler.class)) {
                assertThat(podLabels)
                        .containsKey(hpa.getSpec().getScaleTargetRef().getName());
                assertThat(hpa.getSpec().getMinReplicas())
                        .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
            }
            for (PodDisruptionBudget pdb : rendered.all(PodDisruptionBudget.class)) {
                assertThat(podLabels.get(pdb.getMetadata().getName()))
                        .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
            }
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.studilo.deploy.HelmChartTest#scenarios")
        void letsOnlyTheGatewayTakeOutsideTraffic(Path scenario) {
            Rendered rendered = rendered(scenario);
            List<NetworkPolicy> policies = rendered.all(NetworkPolicy.class);
            assertThat(policies).hasSameSizeAs(rendered.all(Deployment.class));
            for (NetworkPolicy policy : policies) {
                String component = policy.getMetadata().getLabels().get("app.kubernetes.io/component");
                assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
                assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                        .containsEntry("app.kubernetes.io/component", component);
                NetworkPolicyIngressRule http = rule(policy, "http");
                NetworkPolicyIngressRule management = rule(policy, "management");
                for (NetworkPolicyPeer peer : http.getFrom()) {
                    assertThat(peer.getIpBlock()).as("no IP ranges").isNull();
                    if (component.equals("gateway")) {
                        assertThat(peer.getNamespaceSelector())
                                .as("the ingress controller")
                                .isNotNull();
                    } else {
                        assertThat(peer.getNamespaceSelector())
                                .as("same namespace only")
                                .isNull();
                        assertThat(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                                .isIn(SERVICES);
                    }
                }
                if (!component.equals("gateway")) {
                    assertThat(peersOf(http)).contains("gateway");
                }
                assertThat(management.getFrom()).anySatisfy(peer -> {
                    assertThat(peer.getNamespaceSelector()).isNotNull();
                    assertThat(peer.getPodSelector().getMatchLabels()).isNotEmpty();
                });
                assertThat(policy.getSpec().getIngress()).as("no other rule").hasSize(2);
            }
        }
    }

    @Nested
    class DefaultScenario {

        @Test
        void deploysAllSixServicesSpreadOverNodesAndZones() {
            List<Deployment> deployments = defaults().all(Deployment.class);
            assertThat(deployments)
                    .extracting(d -> d.getMetadata().getLabels().get("app.kubernetes.io/component"))
                    .containsExactlyInAnyOrderElementsOf(SERVICES);
            for (Deployment d : deployments) {
                assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                        .extracting(t -> t.getTopologyKey())
                        .containsExactlyInAnyOrder("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            }
        }

        @Test
        void acceptsCallsOnlyFromTheGatewayAndDeclaredPeers() {
            Map<String, Set<String>> peers = defaults().all(NetworkPolicy.class).stream()
                    .filter(p -> !p.getMetadata().getName().endsWith("-gateway"))
                    .collect(Collectors.toMap(
                            p -> p.getMetadata().getLabels().get("app.kubernetes.io/component"),
                            p -> peersOf(rule(p, "http"))));
            assertThat(peers)
                    .containsEntry("auth", Set.of("gateway", "ingestion", "rag", "exam", "planner"))
                    .containsEntry("rag", Set.of("gateway", "exam"))
                    .containsEntry("planner", Set.of("gateway"))
                    .containsEntry("ingestion", Set.of("gateway"));
        }

        @Test
        void givesEveryServiceTheInfrastructureSettingsItReads() throws IOException {
            Set<String> shared = defaults().all(ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getName().endsWith("-config"))
                    .findFirst()
                    .orElseThrow()
                    .getData()
                    .keySet();
            for (Deployment d : defaults().all(Deployment.class)) {
                String component = d.getMetadata().getLabels().get("app.kubernetes.io/component");
                Set<String> given = new HashSet<>(shared);
                d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv()
                        .forEach(e -> given.add(e.getName()));
                assertThat(given)
                        .as("settings given to %s", component)
                        .containsAll(ServiceSettings.infrastructureVariables(component + "-service"));
            }
        }

        @Test
        void exposesTheGatewayOverTlsOnly() {
            List<Ingress> ingresses = defaults().all(Ingress.class);
            assertThat(ingresses).hasSize(1);
            var spec = ingresses.get(0).getSpec();
            assertThat(spec.getTls())
                    .isNotEmpty()
                    .allSatisfy(tls -> assertThat(tls.getSecretName()).isNotBlank());
            Set<String> tlsHosts =
                    spec.getTls().stream().flatMap(t -> t.getHosts().stream()).collect(Collectors.toSet());
            spec.getRules().forEach(rule -> {
                assertThat(tlsHosts).contains(rule.getHost());
                rule.getHttp()
                        .getPaths()
                        .forEach(path -> assertThat(
                                        path.getBackend().getService().getName())
                                .isEqualTo("prod-studilo-gateway"));
            });
        }

        @Test
        void scrapesEveryServiceOnItsManagementPort() {
            List<HasMetadata> monitors = defaults().ofKind("ServiceMonitor");
            assertThat(monitors).hasSize(SERVICES.size());
            Map<String, Service> services = defaults().all(Service.class).stream()
                    .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
            for (HasMetadata object : monitors) {
                var monitor = (GenericKubernetesResource) object;
                assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
                assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
                List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
                assertThat(endpoints).singleElement().satisfies(e -> {
                    assertThat(e).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
                    assertThat(e.keySet()).isSubsetOf("port", "path", "interval", "scrapeTimeout");
                });
                Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
                Service service = services.get(monitor.getMetadata().getName());
                assertThat(service)
                        .as("a Service named like the ServiceMonitor")
                        .isNotNull();
                assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
                assertThat(service.getSpec().getPorts())
                        .anyMatch(p -> p.getName().equals("management"));
            }
        }

        @Test
        void shipsTheAlertRulesFilePromtoolChecks() throws IOException {
            List<HasMetadata> rules = defaults().ofKind("PrometheusRule");
            assertThat(rules).hasSize(1);
            var rule = (GenericKubernetesResource) rules.get(0);
            JsonNode fromFile = new YAMLMapper().readTree(Repo.rules().toFile());
            JsonNode rendered =
                    new JsonMapper().valueToTree(rule.getAdditionalProperties().get("spec"));
            assertThat(rendered).isEqualTo(fromFile);
            assertThat(rendered.get("groups")).isNotEmpty();
        }

        @Test
        void shipsEveryDashboardAsAConfigMapForTheGrafanaSidecar() throws IOException {
            List<ConfigMap> dashboards = defaults().all(ConfigMap.class).stream()
                    .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
                    .toList();
            try (Stream<Path> files = Files.list(Repo.dashboards())) {
                Set<String> expected = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".json"))
                        .collect(Collectors.toSet());
                assertThat(dashboards)
                        .flatExtracting(c -> c.getData().keySet())
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
            for (ConfigMap c : dashboards) {
                c.getData()
                        .values()
                        .forEach(json -> assertThat(
                                        new JsonMapper().readTree(json).get("panels"))
                                .isNotEmpty());
            }
        }

        @Test
        void rollsThePodsWhenTheSharedConfigChanges() {
            Path values = Repo.chart().resolve("ci/default-values.yaml");
            String before = checksum(defaults(), "rag");
            String after = checksum(Rendered.with(values, Map.of("config.logFormat", "console")), "rag");
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Nested
    class MinimalScenario {

        @Test
        void rendersNoOperatorResourcesAndFixedReplicas() {
            Rendered minimal = rendered(Repo.chart().resolve("ci/minimal-values.yaml"));
            assertThat(minimal.ofKind("ServiceMonitor")).isEmpty();
            assertThat(minimal.ofKind("PrometheusRule")).isEmpty();
            assertThat(minimal.all(HorizontalPodAutoscaler.class)).isEmpty();
            assertThat(minimal.all(Ingress.class)).isEmpty();
            assertThat(minimal.all(Deployment.class))
                    .hasSize(5)
                    .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(1));
        }
    }

    @Nested
    class Mistakes {

        @Test
        void aMisspeltManifestFieldIsCaught() {
            String yaml = """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: typo
                    spec:
                      replicas: 1
                      selector:
                        matchLabels: {app: typo}
                      template:
                        metadata:
                          labels: {app: typo}
                        spec:
                          containers:
                            - name: app
                              image: example/app:1
                              securityContext:
                                readOnlyRootFileSystem: true
                    """;
            HasMetadata parsed = Rendered.parse(yaml).objects().get(0);
            assertThat(parsed).isInstanceOf(Deployment.class);
            assertThat(StrictModel.unknownFields(parsed))
                    .containsExactly("spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
        }

        @Test
        void aMisspeltValuesKeyIsRejectedByTheSchema() {
            Path values = Repo.chart().resolve("ci/default-values.yaml");
            assertThatThrownBy(() -> Rendered.with(values, Map.of("services.gateway.replica", "3")))
                    .hasMessageContaining("replica");
        }

        @Test
        void aWritableRootFilesystemIsRejectedByTheSchema() {
            Path values = Repo.chart().resolve("ci/default-values.yaml");
            assertThatThrownBy(() -> Rendered.with(values, Map.of("securityContext.readOnlyRootFilesystem", "false")))
                    .hasMessageContaining("readOnlyRootFilesystem");
        }
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    }

    private static NetworkPolicyIngressRule rule(NetworkPolicy policy, String port) {
        return policy.getSpec().getIngress().stream()
                .filter(r -> r.getPorts().stream()
                        .anyMatch(p -> port.equals(p.getPort().getStrVal())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(policy.getMetadata().getName() + " has no rule for " + port));
    }

    private static Set<String> peersOf(NetworkPolicyIngressRule rule) {
        Set<String> peers = new HashSet<>();
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                peers.add(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"));
            }
        }
        return peers;
    }

    private static String checksum(Rendered rendered, String service) {
        return rendered.all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().endsWith("-" + service))
                .findFirst()
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/config");
    }
}
