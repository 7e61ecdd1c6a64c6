package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every metric the dashboards and alerts query is listed in metrics.tsv with its exporter, and documented. */
class MetricsCatalogTest {

    static Set<String> usedMetrics() throws IOException {
        Set<String> used = new TreeSet<>();
        Stream.concat(PromQl.alertQueries().stream(), PromQl.dashboardQueries().stream())
                .forEach(q -> used.addAll(PromQl.metricNames(q.expr())));
        return used;
    }

    @Test
    void listsExactlyTheMetricsTheDashboardsAndRulesUse() throws IOException {
        assertThat(MetricsCatalog.load().entries().keySet()).containsExactlyInAnyOrderElementsOf(usedMetrics());
    }

    @Test
    void namesARealModuleForEveryServiceMetric() throws IOException {
        for (var entry : MetricsCatalog.load().entries().values()) {
            if (entry.check() != MetricsCatalog.Check.EXTERNAL
                    && !entry.exportedBy().equals("any")) {
                assertThat(MetricsCatalog.moduleExists(entry.exportedBy()))
                        .as(entry.metric() + " exported by " + entry.exportedBy())
                        .isTrue();
            }
        }
    }

    @Test
    void findsEveryDomainMeterInItsModulesSources() throws IOException {
        for (var entry : MetricsCatalog.load().entries().values()) {
            if (entry.check() != MetricsCatalog.Check.SOURCE) {
                continue;
            }
            assertThat(entry.meterName()).as(entry.metric()).isNotBlank();
            assertThat(entry.metric().replace('_', '.'))
                    .as("meter name matches the metric")
                    .startsWith(entry.meterName());
            String literal = "\"" + entry.meterName() + "\"";
            try (Stream<Path> files =
                    Files.walk(Repo.root().resolve(entry.exportedBy()).resolve("src/main"))) {
                Set<Path> registering = files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> read(f).contains(literal))
                        .collect(Collectors.toSet());
                assertThat(registering)
                        .as("%s: no %s in %s/src/main", entry.metric(), literal, entry.exportedBy())
                        .isNotEmpty();
            }
        }
    }

    @Test
    void documentsEveryMetricInTheOperationsGuide() throws IOException {
        String guide = Files.readString(Repo.root().resolve("docs/operations.md"));
        for (String metric : MetricsCatalog.load().entries().keySet()) {
            if (metric.equals("up") || metric.startsWith("kube_")) {
                continue;
            }
            String family = metric.replaceAll("_(bucket|count|sum|max)$", "");
            assertThat(guide).as(metric + " in docs/operations.md").contains("`" + family);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
