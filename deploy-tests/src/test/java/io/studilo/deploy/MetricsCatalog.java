package io.studilo.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** deploy-tests/src/test/resources/metrics.tsv: every metric the dashboards and rules use, and its exporter. */
record MetricsCatalog(Map<String, Entry> entries) {

    enum Check {
        SCRAPE,
        SOURCE,
        LIBRARY,
        EXTERNAL
    }

    record Entry(String metric, String exportedBy, Check check, String meterName) {}

    static MetricsCatalog load() throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (var in = Objects.requireNonNull(MetricsCatalog.class.getResourceAsStream("/metrics.tsv"))) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                Check check = Check.valueOf(cols[2].trim().toUpperCase());
                String meter = cols.length > 3 ? cols[3].trim() : "";
                if (entries.put(cols[0], new Entry(cols[0], cols[1], check, meter)) != null) {
                    throw new IllegalStateException("listed twice in metrics.tsv: " + cols[0]);
                }
            }
        }
        return new MetricsCatalog(entries);
    }

    static boolean moduleExists(String module) {
        return Files.isDirectory(Repo.root().resolve(module).resolve("src/main"));
    }
}
