package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The alert rules and dashboard queries, checked by promtool: they parse, and every alert fires when it should. */
class AlertRulesTest {

    private static final Path UNIT_TESTS = Repo.chart().resolve("rules/tests/studilo-alerts-test.yaml");

    @Nested
    class Rules {

        @Test
        void passPromtoolCheck() {
            var result = Promtool.run("check", "rules", Repo.rules().toString());
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS");
        }

        @Test
        void passTheirUnitTests() {
            var result = Promtool.run("test", "rules", UNIT_TESTS.toString());
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS");
        }

        @Test
        void everyAlertHasAUnitTestWhereItFiresAndOneWhereItDoesNot() throws IOException {
            Set<String> fires = new HashSet<>();
            Set<String> silent = new HashSet<>();
            JsonNode tests = new YAMLMapper().readTree(UNIT_TESTS.toFile()).get("tests");
            for (JsonNode test : tests) {
                for (JsonNode check : test.path("alert_rule_test")) {
                    String alert = check.get("alertname").asString();
                    (check.get("exp_alerts").isEmpty() ? silent : fires).add(alert);
                }
            }
            List<String> alerts = PromQl.alertNames();
            assertThat(alerts).isNotEmpty();
            assertThat(fires).containsExactlyInAnyOrderElementsOf(alerts);
            assertThat(silent).containsExactlyInAnyOrderElementsOf(alerts);
        }

        @Test
        void unitTestsCatchAWrongThreshold(@TempDir Path dir) throws IOException {
            String rules = Files.readString(Repo.rules());
            assertThat(rules).contains("> 0.05");
            Files.writeString(dir.resolve("studilo-alerts.yaml"), rules.replace("> 0.05", "> 0.5"));
            Files.createDirectories(dir.resolve("tests"));
            Files.copy(UNIT_TESTS, dir.resolve("tests/studilo-alerts-test.yaml"));
            var result = Promtool.run(
                    "test",
                    "rules",
                    dir.resolve("tests/studilo-alerts-test.yaml").toString());
            assertThat(result.exitCode()).as(result.output()).isNotZero();
        }

        @Test
        void everyAlertHasARunbookInTheOperationsGuide() throws IOException {
            String guide = Files.readString(Repo.root().resolve("docs/operations.md"));
            JsonNode groups = new YAMLMapper().readTree(Repo.rules().toFile()).get("groups");
            for (JsonNode group : groups) {
                for (JsonNode rule : group.get("rules")) {
                    String alert = rule.get("alert").asString();
                    assertThat(guide).as("runbook heading for " + alert).contains("### " + alert + "\n");
                    assertThat(rule.at("/annotations/runbook_url").asString())
                            .endsWith("docs/operations.md#" + alert.toLowerCase());
                    assertThat(rule.at("/labels/severity").asString()).isIn("warning", "critical");
                    assertThat(rule.at("/annotations/summary").asString()).isNotBlank();
                }
            }
        }
    }

    @Nested
    class DashboardQueries {

        @Test
        void allParseAsPromQl(@TempDir Path dir) throws IOException {
            List<PromQl.Query> queries = PromQl.dashboardQueries();
            assertThat(queries).hasSizeGreaterThan(40);
            Path file = dir.resolve("dashboard-queries.yaml");
            Files.writeString(file, PromQl.asRecordingRules(queries));
            var result = Promtool.run("check", "rules", file.toString());
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
        }

        @Test
        void aBrokenQueryIsCaught(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("broken.yaml");
            Files.writeString(
                    file,
                    PromQl.asRecordingRules(
                            List.of(new PromQl.Query("broken", "sum(rate(jvm_threads_live_threads{}[5m])"))));
            var result = Promtool.run("check", "rules", file.toString());
            assertThat(result.exitCode()).isNotZero();
        }

        @Test
        void everyQuerySelectsAtLeastOneMetric() throws IOException {
            for (PromQl.Query query : PromQl.dashboardQueries()) {
                assertThat(PromQl.metricNames(query.expr())).as(query.origin()).isNotEmpty();
            }
        }
    }
}
