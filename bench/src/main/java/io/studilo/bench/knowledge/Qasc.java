package io.studilo.bench.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The QASC dev split: questions that each need two facts; the facts are deduplicated into one fact list. */
record Qasc(List<String> facts, List<Question> questions) {

    record Question(String text, int fact1, int fact2) {}

    static Path defaultPath() {
        String shared = System.getenv().getOrDefault("STUDILO_SHARED_DATA", "../shared/data");
        return Path.of(shared, "qa", "qasc_dev_split.json");
    }

    static Qasc load(Path path) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(path));
        Map<String, Integer> factIds = new LinkedHashMap<>();
        List<Question> questions = new ArrayList<>();
        for (JsonNode item : root) {
            int f1 = factIds.computeIfAbsent(item.get("fact 1").asString(), f -> factIds.size());
            int f2 = factIds.computeIfAbsent(item.get("fact 2").asString(), f -> factIds.size());
            questions.add(new Question(item.get("question").asString(), f1, f2));
        }
        return new Qasc(List.copyOf(factIds.keySet()), questions);
    }
}
