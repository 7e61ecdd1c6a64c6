package io.studilo.rag.retrieval;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.studilo.common.knowledge.Chunk;
import io.studilo.rag.RagProperties;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Tuning harness on the QASC dev split (not a test): prints recall@5/@10-both and writes refusal features. */
public final class QascTuning {

    public static void main(String[] args) throws Exception {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String a : args) {
            kv.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        JsonNode data = new ObjectMapper()
                .readTree(Path.of(
                                System.getenv().getOrDefault("STUDILO_SHARED_DATA", "../../shared/data"),
                                "qa/qasc_dev_split.json")
                        .toFile());
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        Map<String, Chunk> facts = new LinkedHashMap<>();
        UUID owner = UUID.randomUUID();
        UUID doc = UUID.randomUUID();
        for (JsonNode q : data) {
            for (String f : List.of(q.get("fact 1").asString(), q.get("fact 2").asString())) {
                facts.computeIfAbsent(
                        f,
                        t -> new Chunk(
                                Chunk.idOf(doc, facts.size()),
                                owner,
                                doc,
                                "QASC",
                                UUID.nameUUIDFromBytes(t.getBytes()),
                                "fact",
                                1,
                                1,
                                facts.size(),
                                t));
            }
        }
        java.util.Random random = new java.util.Random(Long.parseLong(kv.getOrDefault("seed", "7")));
        Set<String> removed = new java.util.HashSet<>();
        Set<Integer> removedQuestions = new java.util.HashSet<>();
        if (kv.containsKey("refusal")) {
            for (int qi = 0; qi < data.size(); qi++) {
                if (random.nextDouble() < 0.2) {
                    removedQuestions.add(qi);
                    removed.add(data.get(qi).get("fact 1").asString());
                    removed.add(data.get(qi).get("fact 2").asString());
                }
            }
        }
        io.studilo.common.knowledge.VectorIndex index = kv.containsKey("memory")
                ? new InMemoryVectorIndex()
                : new io.studilo.common.knowledge.lucene.LuceneVectorIndex(
                        Files.createTempDirectory("qasc-index"),
                        true,
                        Duration.ZERO,
                        io.studilo.common.knowledge.Retrieval.DEFAULT,
                        "all-minilm-l6-v2-q");
        List<Chunk> chunks = new ArrayList<>(
                facts.values().stream().filter(c -> !removed.contains(c.text())).toList());
        List<float[]> vectors = io.studilo.common.knowledge.Embeddings.embedAll(
                model, chunks.stream().map(Chunk::text).toList());
        index.upsert(chunks, vectors);
        RagProperties.Retrieval p = new RagProperties.Retrieval(
                i(kv, "hop1Depth", 30),
                i(kv, "seeds", 4),
                i(kv, "hop2Depth", 15),
                d(kv, "bridgeWeight", 1.0),
                d(kv, "seedW", 1.0),
                d(kv, "hopW", 0.75),
                d(kv, "covW", 1.0),
                d(kv, "bridgeW", 0.5),
                i(kv, "rrfK", 20),
                3,
                8,
                new RagProperties.Retrieval.Fusion(
                        i(kv, "fk", 60), i(kv, "fdense", 50), i(kv, "flex", 50), 1.0, d(kv, "flexw", 1.0)));
        Knowledge knowledge = new Knowledge(
                index,
                model,
                Caffeine.newBuilder().<String, float[]>build(),
                CircuitBreaker.ofDefaults("t"),
                TimeLimiter.of(TimeLimiterConfig.custom()
                        .timeoutDuration(Duration.ofSeconds(30))
                        .build()),
                Executors.newCachedThreadPool(),
                Duration.ofSeconds(1),
                new SimpleMeterRegistry());
        Retriever retriever = new Retriever(knowledge, p);
        int n = 0, at5 = 0, at10 = 0, support = 0, groundedCount = 0, chainGold = 0;
        io.studilo.rag.answer.ExtractiveAnswerer answerer = new io.studilo.rag.answer.ExtractiveAnswerer(
                new RagProperties.Answer(i(kv, "maxSentences", 3), 240), i(kv, "evidence", 8));
        io.studilo.rag.answer.RefusalPolicy policy = new io.studilo.rag.answer.RefusalPolicy(new RagProperties.Refusal(
                d(kv, "minCov", 0.5), d(kv, "minSeed", 0.55), d(kv, "minChain", 0.45), d(kv, "strong", 0.7), 3));
        long t0 = System.nanoTime();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of("/tmp/rag-tuning.tsv")))) {
            for (JsonNode q : data) {
                Retriever.Evidence ev =
                        retriever.retrieve(owner, q.get("question").asString(), Set.of(), 10);
                List<String> texts =
                        ev.passages().stream().map(x -> x.chunk().text()).toList();
                String f1 = q.get("fact 1").asString(), f2 = q.get("fact 2").asString();
                n++;
                if (both(texts, 5, f1, f2)) at5++;
                if (both(texts, 10, f1, f2)) at10++;
                List<String> chainTexts =
                        ev.bestChain().stream().map(x -> x.chunk().text()).toList();
                if (chainTexts.contains(f1) && chainTexts.contains(f2)) chainGold++;
                if (policy.supports(ev)) {
                    groundedCount++;
                    String answerText = answerer.answer(ev).answer().toLowerCase();
                    String option = q.get("answer")
                            .asString()
                            .replaceFirst("^\\([A-H]\\)\\s*", "")
                            .toLowerCase();
                    if (answerText.contains(option)) support++;
                }
                String label = removed.contains(f1) && removed.contains(f2)
                        ? "removed"
                        : removed.contains(f1) || removed.contains(f2) ? "partial" : "present";
                String answerText = q.get("answer")
                        .asString()
                        .replaceFirst("^\\([A-H]\\)\\s*", "")
                        .toLowerCase();
                if (label.equals("removed")
                        && chunks.stream().anyMatch(c -> c.text().toLowerCase().contains(answerText))) {
                    label = "removed-answerable";
                }
                out.printf(
                        "%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%s%n",
                        label,
                        q.get("question").asString(),
                        ev.questionTerms().size(),
                        ev.chainCoverage(),
                        ev.seedSimilarity(),
                        ev.chainSimilarity(),
                        String.join(
                                " | ",
                                ev.bestChain().stream()
                                        .map(x -> x.chunk().text())
                                        .toList()));
            }
        }
        System.out.printf(
                "%s n=%d recall@5-both=%.3f recall@10-both=%.3f support=%.3f grounded=%.3f chainGold=%.3f  %.1f ms/q%n",
                kv,
                n,
                at5 / (double) n,
                at10 / (double) n,
                support / (double) n,
                groundedCount / (double) n,
                chainGold / (double) n,
                (System.nanoTime() - t0) / 1e6 / n);
        System.exit(0);
    }

    static boolean both(List<String> texts, int k, String a, String b) {
        List<String> top = texts.subList(0, Math.min(k, texts.size()));
        return top.contains(a) && top.contains(b);
    }

    static int i(Map<String, String> kv, String k, int def) {
        return kv.containsKey(k) ? Integer.parseInt(kv.get(k)) : def;
    }

    static double d(Map<String, String> kv, String k, double def) {
        return kv.containsKey(k) ? Double.parseDouble(kv.get(k)) : def;
    }
}
