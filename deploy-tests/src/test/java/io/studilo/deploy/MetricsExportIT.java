package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts every service's real jar and reads its /actuator/prometheus: each metric the catalog marks
 * {@code check=scrape} for that module must be there, the metrics marked "any" (HTTP with its SLO buckets, JVM,
 * CPU) on every service, and the JDBC pool metrics on every service with a database. The jars run against the local servers but in
 * a database, Redis index and RabbitMQ virtual host of their own ({@link IsolatedServers}); auth-service runs with
 * a read replica configured, as the chart deploys it.
 */
class MetricsExportIT {

    private static final String BASE_MODULE = "auth-service";

    /** Every service is started: the "any" metrics are checked on each, not assumed from one. */
    private static final java.util.List<String> SERVICES = java.util.List.of(
            "auth-service", "gateway-service", "ingestion-service", "rag-service", "exam-service", "planner-service");

    /** The SLO buckets every service's HTTP histogram must have (common-lib's defaults; 500 ms is on dashboards). */
    private static final java.util.List<String> SLO_BUCKETS =
            java.util.List.of("0.05", "0.1", "0.25", "0.5", "1.0", "2.0", "5.0");

    @Test
    void everyScrapedMetricTheDashboardsUseIsExported(@TempDir Path work) throws Exception {
        Set<String> everywhere = new TreeSet<>();
        Map<String, Set<String>> expectedByModule = new LinkedHashMap<>();
        expectedByModule.put(BASE_MODULE, new TreeSet<>());
        for (var entry : MetricsCatalog.load().entries().values()) {
            if (entry.check() != MetricsCatalog.Check.SCRAPE) {
                continue;
            }
            if (entry.exportedBy().equals("any")) {
                everywhere.add(entry.metric());
            } else {
                expectedByModule
                        .computeIfAbsent(entry.exportedBy(), m -> new TreeSet<>())
                        .add(entry.metric());
            }
        }
        assertThat(everywhere).contains("http_server_requests_seconds_bucket", "jvm_memory_used_bytes");
        Set<String> poolMetrics = expectedByModule.get(BASE_MODULE).stream()
                .filter(m -> m.startsWith("hikaricp_"))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        assertThat(poolMetrics).isNotEmpty();
        for (String module : SERVICES) {
            Set<String> expected = expectedByModule.computeIfAbsent(module, m -> new TreeSet<>());
            // The golden-signals dashboards show the JDBC pool of every service that has a database.
            if (ServiceSettings.variables(module).contains("POSTGRES_URL")) {
                expected.addAll(poolMetrics);
            }
        }
        for (var expected : expectedByModule.entrySet()) {
            String module = expected.getKey();
            try (ServiceJar service = ServiceJar.start(module, work, environmentFor(module))) {
                exercise(service);
                String exposition = service.scrape();
                Set<String> exported = exportedNames(exposition);
                if (module.equals(BASE_MODULE)) {
                    assertThat(exposition)
                            .as("the read replica's pool, reported by the routing DataSource")
                            .containsPattern("(?m)^hikaricp_connections_max\\{.*pool=\"replica\"");
                }
                assertThat(exported).as("metrics exported by %s", module).containsAll(expected.getValue());
                assertThat(exported).as("base metrics exported by %s", module).containsAll(everywhere);
                for (String slo : SLO_BUCKETS) {
                    assertThat(exposition)
                            .as(
                                    "%s: HTTP latency bucket at the SLO %ss (the dashboards' SLO panel reads it)",
                                    module, slo)
                            .containsPattern("(?m)^http_server_requests_seconds_bucket\\{.*le=\"" + slo + "\"}");
                }
            }
        }
    }

    private static Map<String, String> environmentFor(String module) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(IsolatedServers.environment());
        if (module.equals(BASE_MODULE)) {
            // As in Kubernetes: a read replica configured (here the same database), so the service boots, migrates
            // and reports its pool through common-lib's read-replica routing DataSource.
            env.put("STUDILO_DATASOURCE_REPLICA_URL", env.get("POSTGRES_URL"));
        }
        if (module.equals("gateway-service")) {
            // Every route's downstream is down: the first call through a route opens its circuit breaker's books.
            for (String service : new String[] {"AUTH", "INGESTION", "RAG", "EXAM", "PLANNER"}) {
                env.put("STUDILO_" + service + "_URI", "http://127.0.0.1:9");
            }
        }
        return env;
    }

    /** Traffic, so the meters that appear on first use exist: an HTTP request, a call through a breaker. */
    private static void exercise(ServiceJar service) throws Exception {
        if (service.module.equals("gateway-service")) {
            assertThat(service.postJson("/api/auth/login", "{\"email\":\"probe@example.org\",\"password\":\"x\"}"))
                    .as("a public route to a downed service answers from the fallback")
                    .isGreaterThanOrEqualTo(500);
        } else {
            assertThat(service.touchHttp("/api/metrics-probe")).isBetween(200, 499);
        }
    }

    private static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            if (end < 0) {
                end = line.indexOf(' ');
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
