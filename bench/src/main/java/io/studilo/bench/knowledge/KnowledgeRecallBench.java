package io.studilo.bench.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.EmbeddingModels;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.KnowledgeProperties;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.ScoredChunk;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One-hop retrieval quality of the Lucene adapter on the QASC dev split: every distinct fact is one chunk of
 * one owner; a question counts as found at k when both its facts are in the top k. Reports recall@5/@10-both
 * for dense-only, BM25-only and RRF hybrid per embedding model, then search latency with ≥ 10,000 chunks for
 * one owner (plus as many for another owner). Args: model names (default both); {@code --no-latency};
 * {@code --tune} adds a grid of fusion settings.
 */
public final class KnowledgeRecallBench {

    private static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    public static void main(String[] args) throws Exception {
        List<String> models = new ArrayList<>(
                Arrays.stream(args).filter(a -> !a.startsWith("--")).toList());
        if (models.isEmpty()) {
            models.addAll(List.of(KnowledgeProperties.MINILM, KnowledgeProperties.BGE_SMALL));
        }
        boolean latency = !Arrays.asList(args).contains("--no-latency");
        boolean tune = Arrays.asList(args).contains("--tune");
        Qasc qasc = Qasc.load(Qasc.defaultPath());
        System.out.printf(
                "QASC dev: %d questions, %d distinct facts%n",
                qasc.questions().size(), qasc.facts().size());
        for (String name : models) {
            EmbeddingModel model = EmbeddingModels.create(name);
            Path dir = Files.createTempDirectory("studilo-recall");
            UUID owner = UUID.randomUUID();
            UUID document = UUID.randomUUID();
            try (LuceneVectorIndex index = new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT)) {
                long t0 = System.nanoTime();
                List<float[]> factVectors = Embeddings.embedAll(model, qasc.facts());
                double embedSeconds = (System.nanoTime() - t0) / 1e9;
                index.upsert(chunks(owner, document, qasc.facts(), 0), factVectors);
                System.out.printf(
                        "%n== %s: embedded %d facts in %.1f s (%.1f sentences/s)%n",
                        name, qasc.facts().size(), embedSeconds, qasc.facts().size() / embedSeconds);

                List<float[]> plain = embedQuestions(model, qasc, "");
                Map<String, Retrieval> variants = new LinkedHashMap<>();
                variants.put("dense-only", Retrieval.denseOnly(50));
                variants.put("bm25-only", Retrieval.lexicalOnly(50));
                variants.put("rrf k=60 50+50 (plain)", new Retrieval(60, 50, 50));
                variants.put("hybrid default", Retrieval.DEFAULT);
                if (tune) {
                    for (int k : new int[] {5, 10, 20, 60}) {
                        for (int lexicalCandidates : new int[] {5, 10, 20, 50}) {
                            for (double w : new double[] {0.3, 0.5, 1.0}) {
                                variants.put(
                                        "rrf k=" + k + " lex " + lexicalCandidates + "x" + w,
                                        new Retrieval(k, 50, lexicalCandidates, 1.0, w));
                            }
                        }
                    }
                }
                for (var variant : variants.entrySet()) {
                    report(name, variant.getKey(), index, owner, qasc, plain, variant.getValue());
                }
                if (name.equals(KnowledgeProperties.BGE_SMALL)) {
                    List<float[]> prefixed = embedQuestions(model, qasc, BGE_QUERY_PREFIX);
                    report(name, "dense-only +instr", index, owner, qasc, prefixed, Retrieval.denseOnly(50));
                    report(name, "hybrid default +instr", index, owner, qasc, prefixed, Retrieval.DEFAULT);
                }
                if (latency) {
                    latency(index, qasc, factVectors, plain);
                }
            }
        }
    }

    private static List<float[]> embedQuestions(EmbeddingModel model, Qasc qasc, String prefix) {
        return Embeddings.embedAll(
                model, qasc.questions().stream().map(q -> prefix + q.text()).toList());
    }

    private static void report(
            String model,
            String variant,
            LuceneVectorIndex index,
            UUID owner,
            Qasc qasc,
            List<float[]> vectors,
            Retrieval retrieval) {
        int both5 = 0;
        int both10 = 0;
        for (int i = 0; i < qasc.questions().size(); i++) {
            Qasc.Question q = qasc.questions().get(i);
            List<ScoredChunk> hits = index.search(SearchQuery.of(owner, q.text(), vectors.get(i), 10), retrieval);
            List<Integer> ranked =
                    hits.stream().map(h -> h.chunk().chunkIndex()).toList();
            both5 += bothIn(ranked, 5, q) ? 1 : 0;
            both10 += bothIn(ranked, 10, q) ? 1 : 0;
        }
        int n = qasc.questions().size();
        System.out.printf(
                "%-20s %-24s recall@5-both=%.3f recall@10-both=%.3f%n",
                model, variant, (double) both5 / n, (double) both10 / n);
    }

    private static boolean bothIn(List<Integer> ranked, int k, Qasc.Question q) {
        List<Integer> top = ranked.subList(0, Math.min(k, ranked.size()));
        return top.contains(q.fact1()) && top.contains(q.fact2());
    }

    /** Fills the index to ≥ 10,000 chunks for the owner (and as many for another) and times hybrid searches. */
    private static void latency(
            LuceneVectorIndex index, Qasc qasc, List<float[]> factVectors, List<float[]> questions) {
        Random random = new Random(42);
        UUID owner = UUID.randomUUID();
        for (UUID who : List.of(owner, UUID.randomUUID())) {
            for (int batch = 0; batch < 10; batch++) {
                UUID document = UUID.randomUUID();
                List<String> texts = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                for (int i = 0; i < 1000; i++) { // a synthetic passage: two facts, its vector their normalised sum
                    int a = random.nextInt(qasc.facts().size());
                    int b = random.nextInt(qasc.facts().size());
                    texts.add(qasc.facts().get(a) + " " + qasc.facts().get(b));
                    float[] v = factVectors.get(a).clone();
                    for (int d = 0; d < v.length; d++) {
                        v[d] += factVectors.get(b)[d];
                    }
                    vectors.add(Embeddings.normalized(v));
                }
                index.upsert(chunks(who, document, texts, 0), vectors);
            }
        }
        System.out.printf("latency: owner has %d chunks (index total %d)%n", index.count(owner), 20_000);
        index.refresh();
        time("hybrid default (50+10)", index, owner, qasc, questions, Retrieval.DEFAULT);
        time("hybrid 50+50", index, owner, qasc, questions, new Retrieval(60, 50, 50));
        time("dense-only (50)", index, owner, qasc, questions, Retrieval.denseOnly(50));
        time("bm25-only (50)", index, owner, qasc, questions, Retrieval.lexicalOnly(50));
        time("hybrid default (50+10)", index, owner, qasc, questions, Retrieval.DEFAULT);
    }

    /** Wall-clock and on-CPU time per search (the machine is shared: CPU time is what the search itself costs). */
    private static void time(
            String label,
            LuceneVectorIndex index,
            UUID owner,
            Qasc qasc,
            List<float[]> questions,
            Retrieval retrieval) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 2; warm++) {
            for (int i = 0; i < qasc.questions().size(); i++) {
                index.search(SearchQuery.of(owner, qasc.questions().get(i).text(), questions.get(i), 10), retrieval);
            }
        }
        int n = qasc.questions().size();
        long[] wall = new long[n];
        long[] cpu = new long[n];
        for (int i = 0; i < n; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            index.search(SearchQuery.of(owner, qasc.questions().get(i).text(), questions.get(i), 10), retrieval);
            wall[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(
                "search %-26s wall p50=%.2f p95=%.2f ms | cpu p50=%.2f p95=%.2f ms%n",
                label, wall[n / 2] / 1e6, wall[(int) (n * 0.95)] / 1e6, cpu[n / 2] / 1e6, cpu[(int) (n * 0.95)] / 1e6);
    }

    private static List<Chunk> chunks(UUID owner, UUID document, List<String> texts, int first) {
        List<Chunk> chunks = new ArrayList<>(texts.size());
        UUID section = UUID.randomUUID();
        for (int i = 0; i < texts.size(); i++) {
            chunks.add(new Chunk(
                    Chunk.idOf(document, first + i),
                    owner,
                    document,
                    "QASC facts",
                    section,
                    "Facts",
                    1,
                    1,
                    first + i,
                    texts.get(i)));
        }
        return chunks;
    }
}
