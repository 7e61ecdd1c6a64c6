package io.studilo.bench.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.studilo.bench.rag.RagBench.Question;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import tools.jackson.databind.JsonNode;

/**
 * Quality of rag-service on the QASC dev split, against the real service jar, with a plain one-hop baseline
 * (same MiniLM model, LangChain4j InMemoryEmbeddingStore) in the same run.
 *
 * <p>Notes: every distinct fact is one chunk (its own section) of one document for user A, written directly
 * into the Lucene index the service reads (not through ingestion's upload path). User B has the same notes
 * minus the facts of a random fifth of the questions (seed from the first argument, default 42).
 *
 * <p>Figures: recall@5/10-both of {@code /api/search}; answer support (correct option text in a grounded
 * {@code /api/ask} answer, exactly and by content terms); refusal among questions whose facts were all removed
 * and false refusal among questions whose facts are all present.
 */
public final class RagQualityBench {

    private static final Analyzer ANALYZER = new EnglishAnalyzer();

    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        List<Question> questions = RagBench.qasc();
        List<String> facts = new ArrayList<>(new LinkedHashSet<>(questions.stream()
                .flatMap(q -> java.util.stream.Stream.of(q.fact1(), q.fact2()))
                .toList()));
        Random random = new Random(seed);
        Set<Integer> removedQuestions = new HashSet<>();
        Set<String> removed = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            if (random.nextInt(5) == 0) {
                removedQuestions.add(i);
                removed.add(questions.get(i).fact1());
                removed.add(questions.get(i).fact2());
            }
        }
        System.out.printf(
                "QASC dev: %d questions, %d distinct facts; removed the facts of %d questions (%d facts) for user B%n",
                questions.size(), facts.size(), removedQuestions.size(), removed.size());

        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        List<float[]> vectors = Embeddings.embedAll(model, facts);
        Map<String, float[]> vectorOf = new LinkedHashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            vectorOf.put(facts.get(i), vectors.get(i));
        }
        UUID userA = UUID.randomUUID();
        UUID userB = UUID.randomUUID();
        Path indexDir = Files.createTempDirectory("rag-quality-index");
        try (LuceneVectorIndex writer =
                        new LuceneVectorIndex(indexDir, true, Duration.ZERO, Retrieval.DEFAULT, RagBench.MODEL_NAME);
                RagBench bench = new RagBench()) {
            index(writer, userA, facts, vectorOf);
            index(
                    writer,
                    userB,
                    facts.stream().filter(f -> !removed.contains(f)).toList(),
                    vectorOf);
            bench.startService(indexDir, 18083);
            String tokenA = bench.token(userA);
            String tokenB = bench.token(userB);

            InMemoryEmbeddingStore<TextSegment> storeA = store(facts, vectorOf);
            InMemoryEmbeddingStore<TextSegment> storeB =
                    store(facts.stream().filter(f -> !removed.contains(f)).toList(), vectorOf);

            int n = questions.size();
            int at5 = 0, at10 = 0, grounded = 0, supportExact = 0, supportTerms = 0;
            int baseAt5 = 0, baseAt10 = 0;
            List<Double> baseTopScoresA = new ArrayList<>();
            List<List<String>> baseTop2 = new ArrayList<>();
            for (Question q : questions) {
                JsonNode results = bench.post("/api/search", tokenA, Map.of("query", q.text(), "limit", 10))
                        .body()
                        .get("results");
                List<String> texts = new ArrayList<>();
                results.forEach(r -> texts.add(r.get("snippet").asString()));
                at5 += both(texts, 5, q) ? 1 : 0;
                at10 += both(texts, 10, q) ? 1 : 0;

                JsonNode answer = bench.post("/api/ask", tokenA, Map.of("question", q.text()))
                        .body();
                if (answer.get("grounded").asBoolean()) {
                    grounded++;
                    String text = answer.get("answer").asString();
                    supportExact += containsExact(text, q.answer()) ? 1 : 0;
                    supportTerms += containsTerms(text, q.answer()) ? 1 : 0;
                }

                List<EmbeddingMatch<TextSegment>> base = oneHop(model, storeA, q.text(), 10);
                List<String> baseTexts =
                        base.stream().map(m -> m.embedded().text()).toList();
                baseAt5 += both(baseTexts, 5, q) ? 1 : 0;
                baseAt10 += both(baseTexts, 10, q) ? 1 : 0;
                baseTopScoresA.add(base.isEmpty() ? 0 : base.get(0).score());
                baseTop2.add(baseTexts.subList(0, Math.min(2, baseTexts.size())));
            }

            // Refusal on user B's notes.
            int removedAll = 0, removedRefused = 0, present = 0, presentRefused = 0;
            List<Double> baseRemovedScores = new ArrayList<>();
            List<Double> basePresentScores = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Question q = questions.get(i);
                boolean gone1 = removed.contains(q.fact1());
                boolean gone2 = removed.contains(q.fact2());
                if (gone1 != gone2) {
                    continue; // one fact of another question's removed pair: neither fully present nor removed
                }
                JsonNode answer = bench.post("/api/ask", tokenB, Map.of("question", q.text()))
                        .body();
                boolean refused = !answer.get("grounded").asBoolean();
                if (refused && !answer.get("citations").isEmpty()) {
                    throw new IllegalStateException("a refusal with citations: " + answer);
                }
                List<EmbeddingMatch<TextSegment>> base = oneHop(model, storeB, q.text(), 1);
                double top = base.isEmpty() ? 0 : base.get(0).score();
                if (gone1) {
                    removedAll++;
                    removedRefused += refused ? 1 : 0;
                    baseRemovedScores.add(top);
                } else {
                    present++;
                    presentRefused += refused ? 1 : 0;
                    basePresentScores.add(top);
                }
            }
            // The baseline's single threshold, calibrated in this run to refuse 10 % of the present questions.
            List<Double> sortedPresent = new ArrayList<>(basePresentScores);
            sortedPresent.sort(null);
            double threshold = sortedPresent.get((int) Math.floor(0.10 * sortedPresent.size()));
            long baseRemovedRefused =
                    baseRemovedScores.stream().filter(s -> s < threshold).count();
            long basePresentRefused =
                    basePresentScores.stream().filter(s -> s < threshold).count();
            int baseSupportExact = 0, baseSupportTerms = 0;
            for (int i = 0; i < n; i++) {
                if (baseTopScoresA.get(i) < threshold) {
                    continue;
                }
                String text = String.join(" ", baseTop2.get(i));
                baseSupportExact += containsExact(text, questions.get(i).answer()) ? 1 : 0;
                baseSupportTerms += containsTerms(text, questions.get(i).answer()) ? 1 : 0;
            }

            System.out.println();
            System.out.println("| figure | rag-service | one-hop baseline | target |");
            System.out.println("|---|---|---|---|");
            row("recall@5-both", at5 / (double) n, baseAt5 / (double) n, "≥ 0.70");
            row("recall@10-both", at10 / (double) n, baseAt10 / (double) n, "≥ 0.90");
            row("answered (grounded), all notes", grounded / (double) n, Double.NaN, "");
            row(
                    "answer support, exact option text",
                    supportExact / (double) n,
                    baseSupportExact / (double) n,
                    "≥ 0.80");
            row("answer support, option content terms", supportTerms / (double) n, baseSupportTerms / (double) n, "");
            row(
                    "refused among removed (n=" + removedAll + ")",
                    removedRefused / (double) removedAll,
                    baseRemovedRefused / (double) removedAll,
                    "≥ 0.90");
            row(
                    "wrongly refused among present (n=" + present + ")",
                    presentRefused / (double) present,
                    basePresentRefused / (double) present,
                    "≤ 0.10");
            System.out.printf(
                    "%nbaseline: top-2 one-hop facts as its answer; refuses when the top cosine < %.3f (calibrated"
                            + " here to 10 %% false refusal)%n",
                    threshold);
        }
    }

    private static void row(String name, double ours, double baseline, String target) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %.3f | %s | %s |%n",
                name,
                ours,
                Double.isNaN(baseline) ? "–" : String.format(Locale.ROOT, "%.3f", baseline),
                target);
    }

    private static void index(LuceneVectorIndex writer, UUID owner, List<String> facts, Map<String, float[]> vectors) {
        UUID document = UUID.randomUUID();
        List<Chunk> chunks = new ArrayList<>();
        List<float[]> chunkVectors = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            chunks.add(new Chunk(
                    Chunk.idOf(document, i),
                    owner,
                    document,
                    "QASC notes",
                    UUID.nameUUIDFromBytes((document + ":" + i).getBytes()),
                    "Fact " + (i + 1),
                    1 + i / 20,
                    1 + i / 20,
                    i,
                    facts.get(i)));
            chunkVectors.add(vectors.get(facts.get(i)));
        }
        writer.upsert(chunks, chunkVectors);
    }

    private static InMemoryEmbeddingStore<TextSegment> store(List<String> facts, Map<String, float[]> vectors) {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        for (String fact : facts) {
            store.add(Embedding.from(vectors.get(fact)), TextSegment.from(fact));
        }
        return store;
    }

    private static List<EmbeddingMatch<TextSegment>> oneHop(
            EmbeddingModel model, InMemoryEmbeddingStore<TextSegment> store, String question, int k) {
        return store.search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(Embedding.from(Embeddings.embed(model, question)))
                        .maxResults(k)
                        .build())
                .matches();
    }

    private static boolean both(List<String> texts, int k, Question q) {
        List<String> top = texts.subList(0, Math.min(k, texts.size()));
        return top.contains(q.fact1()) && top.contains(q.fact2());
    }

    static boolean containsExact(String text, String option) {
        return text.toLowerCase(Locale.ROOT).contains(option.toLowerCase(Locale.ROOT));
    }

    static boolean containsTerms(String text, String option) {
        Set<String> wanted = terms(option);
        return !wanted.isEmpty() && terms(text).containsAll(wanted);
    }

    static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = ANALYZER.tokenStream("t", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
