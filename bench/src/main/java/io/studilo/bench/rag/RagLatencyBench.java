package io.studilo.bench.rag;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.bench.rag.RagBench.Question;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.EmbeddingModels;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/ask} latency at 16 concurrent users over ≥ 10,000 chunks of one user, <b>through the gateway</b>
 * (the gateway jar in front of the rag-service jar, both child processes), against the bare retrieval cost (embed
 * the question + one hybrid index search, in this process) in the same run: first asks (answer and
 * query-embedding caches cold) against repeated asks (answered from the Redis cache), and search. The questions are
 * measured in blocks, each block bare, cold, cached and searched in turn, so all four see the same machine load. The
 * index is built once under {@code bench/target/rag-latency-index} and reused. Arguments are passed on to
 * rag-service.
 */
public final class RagLatencyBench {

    static final UUID OWNER = UUID.fromString("00000000-0000-4000-8000-00000000b001");
    static final int CHUNKS = 10_000;
    static final int USERS = 16;
    static final int RAG_PORT = 18093;
    static final int GATEWAY_PORT = 18090;
    static final int BLOCKS = 4;

    public static void main(String[] args) throws Exception {
        List<Question> questions = RagBench.qasc();
        // The same engine (ONNX session threading included) as rag-service uses.
        EmbeddingModel model = EmbeddingModels.create(RagBench.MODEL_NAME);
        Path indexDir = Path.of("bench", "target", "rag-latency-index");
        try (LuceneVectorIndex index =
                new LuceneVectorIndex(indexDir, true, Duration.ZERO, Retrieval.DEFAULT, RagBench.MODEL_NAME)) {
            if (index.count(OWNER) < CHUNKS) {
                build(index, model, questions);
            }
            System.out.printf("%d chunks indexed for the bench user%n", index.count(OWNER));

            List<String> asked = questions.stream().map(Question::text).toList();
            // Other questions over the same notes, to warm the JIT on the cold path without warming any cache.
            List<String> warmUp = questions.stream()
                    .map(q -> "How is " + words(q.fact1(), 0, 4) + " related to " + words(q.fact2(), -3, 3) + "?")
                    .distinct()
                    .toList();

            // Bare retrieval: embed + one hybrid search, 16 concurrent callers, this process.
            Call bareCall = q -> {
                long start = System.nanoTime();
                index.search(SearchQuery.of(OWNER, q, Embeddings.embed(model, q), 10));
                return System.nanoTime() - start;
            };
            run(warmUp, bareCall);

            try (RagBench bench = new RagBench()) {
                // Measure latency, not load shedding: the shared 2-core machine can exceed the 5 s production time
                // limit. Arguments of the bench are passed on to rag-service (e.g. --studilo.rag.retrieval.seeds=2).
                List<String> serviceArgs = new ArrayList<>(List.of("--studilo.rag.resilience.index-timeout=60s"));
                serviceArgs.addAll(Arrays.asList(args));
                bench.startService(indexDir, RAG_PORT, serviceArgs.toArray(String[]::new));
                bench.startGateway(GATEWAY_PORT);
                String token = bench.token(OWNER);
                Call ask = q -> bench.post(GATEWAY_PORT, "/api/ask", token, Map.of("question", q))
                        .nanos();
                Call search = q -> bench.post(
                                GATEWAY_PORT,
                                "/api/search",
                                token,
                                Map.of("query", q.toLowerCase(Locale.ROOT), "limit", 10))
                        .nanos();
                // Warm the JIT of both services with the other questions (asked cold once, then from the answer cache
                // 30 times: the reactive gateway needs thousands of requests).
                run(warmUp, ask);
                for (int round = 0; round < 30; round++) {
                    run(warmUp, ask);
                }
                // What each process burns while idle counts in its CPU per call below: show it.
                Phase idle = new Phase();
                idle.measure(bench, List.of("idle"), q -> {
                    Thread.sleep(5000);
                    return 0L;
                });
                System.out.printf("idle CPU over 5 s, ms: rag / gateway / bench = %s%n", idle.cpuPerCall());
                // The machine is shared and its load swings within minutes, so each block of questions is measured
                // bare, then asked first (no answer or query-embedding cache entry yet), asked again (answer cache),
                // then searched lower-cased (same meaning, not in the query-embedding cache): every figure sees the
                // same load.
                Phase bare = new Phase();
                Phase cold = new Phase();
                Phase cached = new Phase();
                Phase searched = new Phase();
                List<String> shuffled = new ArrayList<>(asked);
                Collections.shuffle(shuffled, new Random(7));
                for (int b = 0; b < BLOCKS; b++) {
                    List<String> block =
                            shuffled.subList(b * shuffled.size() / BLOCKS, (b + 1) * shuffled.size() / BLOCKS);
                    bare.measure(null, block, bareCall);
                    cold.measure(bench, block, ask);
                    List<String> again = new ArrayList<>(block);
                    Collections.shuffle(again, new Random(b));
                    cached.measure(bench, again, ask);
                    searched.measure(bench, block, search);
                }

                System.out.printf(
                        "%n%d questions each, %d concurrent users, %d blocks, through the gateway (port %d) to"
                                + " rag-service (port %d) %s%n%n",
                        asked.size(), USERS, BLOCKS, GATEWAY_PORT, RAG_PORT, String.join(" ", args));
                System.out.println("| call | p50 ms | p95 ms | p50 / bare p50 | p95 / bare p95 | CPU ms per call:"
                        + " rag / gateway / bench |");
                System.out.println("|---|---|---|---|---|---|");
                row("bare retrieval (embed + 1 hybrid search, in process)", bare, bare);
                row("POST /api/ask via gateway, first ask (caches cold)", cold, bare);
                row("POST /api/ask via gateway, repeated (answer cache hit)", cached, bare);
                row("POST /api/search via gateway (multi-hop, limit 10)", searched, bare);
            }
        }
    }

    /** {@code count} words of the text from word {@code from} (negative: from the end), lower case. */
    private static String words(String text, int from, int count) {
        String[] words =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", "").split("\\s+");
        int start = Math.max(0, from < 0 ? words.length + from : from);
        return String.join(" ", Arrays.asList(words).subList(start, Math.min(words.length, start + count)));
    }

    private static void row(String name, Phase phase, Phase bare) {
        double p50 = RagBench.percentile(phase.nanos, 0.50);
        double p95 = RagBench.percentile(phase.nanos, 0.95);
        System.out.printf(
                Locale.ROOT,
                "| %s | %.1f | %.1f | %.2f× | %.2f× | %s |%n",
                name,
                p50,
                p95,
                p50 / RagBench.percentile(bare.nanos, 0.50),
                p95 / RagBench.percentile(bare.nanos, 0.95),
                phase.cpuPerCall());
    }

    /** The latencies of one kind of call and the CPU each process spent on them. */
    static final class Phase {
        final List<Long> nanos = new ArrayList<>();
        Duration rag = Duration.ZERO;
        Duration gateway = Duration.ZERO;
        Duration self = Duration.ZERO;

        void measure(@Nullable RagBench bench, List<String> questions, Call call) throws Exception {
            RagBench.Cpu before = RagBench.cpu(bench);
            nanos.addAll(run(questions, call));
            RagBench.Cpu after = RagBench.cpu(bench);
            rag = rag.plus(after.service().minus(before.service()));
            gateway = gateway.plus(after.gateway().minus(before.gateway()));
            self = self.plus(after.self().minus(before.self()));
        }

        String cpuPerCall() {
            return String.format(
                    Locale.ROOT,
                    "%.1f / %.1f / %.1f",
                    rag.toNanos() / 1e6 / nanos.size(),
                    gateway.toNanos() / 1e6 / nanos.size(),
                    self.toNanos() / 1e6 / nanos.size());
        }
    }

    interface Call {
        long apply(String question) throws Exception;
    }

    private static List<Long> run(List<String> questions, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (String q : questions) {
                Callable<Long> task = () -> call.apply(q);
                futures.add(pool.submit(task));
            }
            List<Long> nanos = new ArrayList<>();
            for (Future<Long> f : futures) {
                nanos.add(f.get());
            }
            return nanos;
        } finally {
            pool.shutdown();
        }
    }

    /** QASC facts, sentences of the shared Markdown notes, then two-fact passages up to 10,000 chunks. */
    private static void build(LuceneVectorIndex index, EmbeddingModel model, List<Question> questions)
            throws Exception {
        Set<String> texts = new LinkedHashSet<>();
        questions.forEach(q -> {
            texts.add(q.fact1());
            texts.add(q.fact2());
        });
        String shared = System.getenv().getOrDefault("STUDILO_SHARED_DATA", "../shared/data");
        try (var files = Files.list(Path.of(shared, "text"))) {
            for (Path file : files.sorted().toList()) {
                for (String paragraph : Files.readString(file).split("\\n\\s*\\n")) {
                    String clean = paragraph.replaceAll("\\s+", " ").trim();
                    if (clean.length() > 40 && !clean.startsWith("#")) {
                        texts.add(clean.length() > 600 ? clean.substring(0, 600) : clean);
                    }
                }
            }
        }
        List<String> facts = new ArrayList<>(texts);
        Random random = new Random(1);
        int base = facts.size();
        while (texts.size() < CHUNKS) {
            texts.add(facts.get(random.nextInt(base)) + " " + facts.get(random.nextInt(base)));
        }
        List<String> all = new ArrayList<>(texts);
        UUID document = UUID.fromString("00000000-0000-4000-8000-00000000d001");
        long start = System.nanoTime();
        for (int from = 0; from < all.size(); from += 256) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + 256));
            List<Chunk> chunks = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                int n = from + i;
                chunks.add(new Chunk(
                        Chunk.idOf(document, n),
                        OWNER,
                        document,
                        "Bench notes",
                        UUID.nameUUIDFromBytes(("section" + n / 25).getBytes()),
                        "Section " + (n / 25 + 1),
                        1 + n / 50,
                        1 + n / 50,
                        n,
                        batch.get(i)));
            }
            index.upsert(chunks, Embeddings.embedAll(model, batch));
            System.out.printf(
                    "indexed %d/%d (%.0f s)%n", from + batch.size(), all.size(), (System.nanoTime() - start) / 1e9);
        }
    }
}
