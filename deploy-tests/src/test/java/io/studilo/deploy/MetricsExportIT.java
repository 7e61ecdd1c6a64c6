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
 * Starts the real service jars the metrics catalog names for {@code check=scrape} and reads their
 * /actuator/prometheus: every such metric the dashboards and alerts use must be there. Base metrics ("any") are
 * checked on auth-service (PostgreSQL + Redis, so the JDBC pool metrics exist too). The jars run against the
 * local servers but in a database, Redis index and RabbitMQ virtual host of their own ({@link IsolatedServers}).
 */
class MetricsExportIT {

    private static final String BASE_MODULE = "auth-service";

    @Test
    void everyScrapedMetricTheDashboardsUseIsExported(@TempDir Path work) throws Exception {
        Map<String, Set<String>> expectedByModule = new LinkedHashMap<>();
        for (var entry : MetricsCatalog.load().entries().values()) {
            if (entry.check() == MetricsCatalog.Check.SCRAPE) {
                String module = entry.exportedBy().equals("any") ? BASE_MODULE : entry.exportedBy();
                expectedByModule.computeIfAbsent(module, m -> new TreeSet<>()).add(entry.metric());
            }
        }
        assertThat(expectedByModule).containsKey(BASE_MODULE);
        for (var expected : expectedByModule.entrySet()) {
            try (ServiceJar service = ServiceJar.start(expected.getKey(), work, IsolatedServers.environment())) {
                assertThat(service.touchHttp("/api/metrics-probe")).isBetween(200, 499);
                Set<String> exported = exportedNames(service.scrape());
                assertThat(exported)
                        .as("metrics exported by %s", service.module)
                        .containsAll(expected.getValue());
            }
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
