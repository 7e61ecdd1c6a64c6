package io.studilo.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The PromQL the chart ships: alert expressions from the rules file and every dashboard panel's queries. */
final class PromQl {

    private PromQl() {}

    /** One query and where it comes from (for messages). */
    record Query(String origin, String expr) {}

    /** A metric selector is always written with its label matchers here: {@code name{...}}. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{");

    /** Grafana's interval variables, replaced by a fixed range so Prometheus' parser accepts the query. */
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$__(rate_interval|interval|range)");

    static List<Query> alertQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        JsonNode groups = new YAMLMapper().readTree(Repo.rules().toFile()).get("groups");
        for (JsonNode group : groups) {
            for (JsonNode rule : group.get("rules")) {
                String name = rule.has("alert")
                        ? rule.get("alert").asString()
                        : rule.get("record").asString();
                queries.add(new Query("rule " + name, rule.get("expr").asString()));
            }
        }
        return queries;
    }

    static List<String> alertNames() throws IOException {
        return alertQueries().stream()
                .map(q -> q.origin().substring("rule ".length()))
                .toList();
    }

    static List<Query> dashboardQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repo.dashboards())) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = new JsonMapper().readTree(file.toFile());
                for (JsonNode panel : dashboard.get("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String expr = target.get("expr").asString();
                        queries.add(new Query(
                                file.getFileName() + " / " + panel.get("title").asString(),
                                GRAFANA_VARIABLE.matcher(expr).replaceAll("5m")));
                    }
                }
            }
        }
        return queries;
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A rules file of recording rules, one per query, for {@code promtool check rules} to parse. */
    static String asRecordingRules(List<Query> queries) {
        StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            yaml.append("      - record: dashboard:query_").append(i).append('\n');
            yaml.append("        expr: |-\n");
            queries.get(i)
                    .expr()
                    .lines()
                    .forEach(line -> yaml.append("          ").append(line).append('\n'));
        }
        return yaml.toString();
    }
}
