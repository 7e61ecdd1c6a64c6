package io.studilo.rag.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.EmbeddingModels;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.KnowledgeProperties;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import io.studilo.rag.RagProperties;
import io.studilo.rag.answer.Answer;
import io.studilo.rag.answer.ExtractiveAnswerer;
import io.studilo.rag.answer.RefusalPolicy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Tuning harness on the QASC dev split (not a test, never run by Maven): the real retriever, refusal policy and
 * extractive answerer over a Lucene index in process. Arguments are rag-service properties without the
 * {@code studilo.rag.} prefix ({@code refusal.min-coverage=0.6}), plus {@code seeds=1,2,3} (random fifths of
 * the questions whose facts are removed for the refusal figures), {@code layout=fact|markdown|text} (chunk text:
 * the fact alone, under a Markdown heading line as ingestion stores a heading section, or ~18 facts a chunk as
 * ingestion cuts a text file), {@code split=even|odd} (every other question, with only its facts as notes: check
 * a change on two independent halves) and {@code dump=path} (one JSON row of refusal features per question and
 * seed). It prints where the questions without answer support are lost (refused, option text nowhere in the
 * notes, not among the evidence passages, not chosen into the answer).
 *
 * <pre>
 * ./mvnw -o -q -pl rag-service -am install -DskipTests
 * ./mvnw -o -q -pl rag-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * cd rag-service &amp;&amp; nice -n 19 java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.studilo.rag.retrieval.QascTuning seeds=1,2,3,4,5 layout=markdown split=even refusal.min-coverage=0.6
 * </pre>
 */
public final class QascTuning {

    private record Question(String text, String fact1, String fact2, String option) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> kv = new LinkedHashMap<>();
        Map<String, Object> properties = new HashMap<>();
        for (String a : args) {
            String key = a.substring(0, a.indexOf('=')), value = a.substring(a.indexOf('=') + 1);
            kv.put(key, value);
            if (key.contains(".")) {
                properties.put("studilo.rag." + key, value);
            }
        }
        // The service's own application.yml, then the arguments on top: tuning runs what production runs.
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("arguments", new HashMap<>(properties)));
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(sources::addLast);
        RagProperties props = new Binder(
                        ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                .bindOrCreate("studilo.rag", RagProperties.class);
        List<Question> questions = new ArrayList<>();
        JsonNode data = new ObjectMapper()
                .readTree(Path.of(
                                System.getenv().getOrDefault("STUDILO_SHARED_DATA", "../../shared/data"),
                                "qa/qasc_dev_split.json")
                        .toFile());
        for (JsonNode q : data) {
            questions.add(new Question(
                    q.get("question").asString(),
                    q.get("fact 1").asString(),
                    q.get("fact 2").asString(),
                    q.get("answer")
                            .asString()
                            .replaceFirst("^\\([A-H]\\)\\s*", "")
                            .toLowerCase(Locale.ROOT)));
        }
        // split=even|odd: only every other question, and only its facts as notes, so a change can be checked on
        // two independent halves (the held-out half of QASC is not ours to tune on).
        String split = kv.getOrDefault("split", "all");
        if (!split.equals("all")) {
            int parity = split.equals("even") ? 0 : 1;
            List<Question> half = new ArrayList<>();
            for (int i = parity; i < questions.size(); i += 2) {
                half.add(questions.get(i));
            }
            questions = half;
        }
        List<String> facts = questions.stream()
                .flatMap(q -> java.util.stream.Stream.of(q.fact1(), q.fact2()))
                .distinct()
                .toList();
        String layout = kv.getOrDefault("layout", "fact");
        List<String> chunkTexts = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            chunkTexts.add(layout.equals("markdown") ? "## Note " + (i + 1) + "\n" + facts.get(i) : facts.get(i));
        }
        factsPerChunk = layout.equals("text") ? Integer.parseInt(kv.getOrDefault("factsPerChunk", "18")) : 1;
        EmbeddingModel model = EmbeddingModels.create(KnowledgeProperties.MINILM); // as the services embed
        List<float[]> vectors = Embeddings.embedAll(model, chunkTexts);

        if (kv.containsKey("candidates")) {
            dumpCandidates(Path.of(kv.get("candidates")), props, model, questions, facts, chunkTexts, vectors, kv);
            System.exit(0);
        }
        long t0 = System.nanoTime();
        PrintWriter dump =
                kv.containsKey("dump") ? new PrintWriter(Files.newBufferedWriter(Path.of(kv.get("dump")))) : null;
        // Full notes: retrieval, answers and false refusals of user A.
        Setup full = setup(props, model, facts, chunkTexts, vectors, Set.of());
        int n = questions.size(), at5 = 0, at10 = 0, chainGold = 0, grounded = 0, support = 0, sentences = 0;
        int[] optionInTop = new int[11];
        String notesText = String.join(" ", facts).toLowerCase(Locale.ROOT);
        Map<String, Integer> causes = new java.util.TreeMap<>();
        for (Question q : questions) {
            Retriever.Evidence search = full.retriever().retrieve(full.owner(), q.text(), Set.of(), 10, false);
            List<String> texts =
                    search.passages().stream().map(p -> p.chunk().text()).toList();
            at5 += both(texts, 5, q) ? 1 : 0;
            at10 += both(texts, 10, q) ? 1 : 0;
            for (int k = 1; k <= 10; k++) {
                String top = String.join(" ", texts.subList(0, Math.min(k, texts.size())))
                        .toLowerCase(Locale.ROOT);
                optionInTop[k] += top.contains(q.option()) ? 1 : 0;
            }
            Retriever.Evidence ev = full.retriever()
                    .retrieve(
                            full.owner(), q.text(), Set.of(), props.retrieval().evidencePassages());
            List<String> chain =
                    ev.bestChain().stream().map(p -> p.chunk().text()).toList();
            chainGold += contains(chain, q.fact1()) && contains(chain, q.fact2()) ? 1 : 0;
            boolean supported = full.policy().supports(ev);
            Map<String, Object> fullRow = row("full", "full", q, ev, !supported, full);
            String evidenceText = String.join(
                            " ",
                            ev.passages().stream().map(p -> p.chunk().text()).toList())
                    .toLowerCase(Locale.ROOT);
            boolean answered = false;
            if (supported) {
                grounded++;
                Answer answer = full.answerer().answer(ev);
                fullRow.put("answer", answer.answer());
                sentences += answer.answer().split("\\[\\d+]").length - 1;
                answered = answer.answer().toLowerCase(Locale.ROOT).contains(q.option());
                support += answered ? 1 : 0;
                if (kv.containsKey("show")) {
                    System.out.println(q.text() + "  => " + q.option() + "\n   " + answer.answer());
                }
            }
            // Where an unsupported question is lost, first cause first: what a change can hope to win back.
            String cause = answered
                    ? "supported"
                    : !notesText.contains(q.option())
                            ? "option text nowhere in the notes"
                            : !supported
                                    ? "refused (option text in the notes)"
                                    : !evidenceText.contains(q.option())
                                            ? "in the notes, not in the evidence passages"
                                            : "in the evidence, not in the answer";
            causes.merge(cause, 1, Integer::sum);
            if (dump != null) {
                fullRow.put("cause", cause);
                fullRow.put(
                        "evidenceTexts",
                        ev.passages().stream().map(p -> p.chunk().text()).toList());
                dump.println(JSON.writeValueAsString(fullRow));
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / n;

        // Refusal: user B lacks the facts of a random fifth of the questions.
        int[] totals = new int[4]; // refused and all among removed, then among present, over every seed
        for (String seed : kv.getOrDefault("seeds", "1,2,3").split(",")) {
            if (seed.isBlank()) {
                continue;
            }
            Random random = new Random(Long.parseLong(seed));
            Set<String> removed = new HashSet<>();
            for (Question q : questions) {
                if (random.nextInt(5) == 0) {
                    removed.add(q.fact1());
                    removed.add(q.fact2());
                }
            }
            Setup notes = setup(props, model, facts, chunkTexts, vectors, removed);
            String remaining = facts.stream()
                    .filter(f -> !removed.contains(f))
                    .reduce("", (a, b) -> a + " " + b)
                    .toLowerCase(Locale.ROOT);
            int removedAll = 0, removedRefused = 0, present = 0, presentRefused = 0;
            for (Question q : questions) {
                boolean gone1 = removed.contains(q.fact1()), gone2 = removed.contains(q.fact2());
                if (gone1 != gone2) {
                    continue;
                }
                Retriever.Evidence ev = notes.retriever()
                        .retrieve(
                                notes.owner(),
                                q.text(),
                                Set.of(),
                                props.retrieval().evidencePassages());
                boolean refused = !notes.policy().supports(ev);
                if (gone1) {
                    removedAll++;
                    removedRefused += refused ? 1 : 0;
                } else {
                    present++;
                    presentRefused += refused ? 1 : 0;
                }
                if (dump != null) {
                    String label =
                            gone1 ? (remaining.contains(q.option()) ? "removed-answerable" : "removed") : "present";
                    Map<String, Object> row = row(seed, label, q, ev, refused, notes);
                    if (!refused) {
                        row.put("answer", notes.answerer().answer(ev).answer());
                    }
                    dump.println(JSON.writeValueAsString(row));
                }
            }
            totals[0] += removedRefused;
            totals[1] += removedAll;
            totals[2] += presentRefused;
            totals[3] += present;
            System.out.printf(
                    Locale.ROOT,
                    "  seed %s: refused %d/%d removed, %d/%d present%n",
                    seed,
                    removedRefused,
                    removedAll,
                    presentRefused,
                    present);
            notes.close();
        }
        if (dump != null) {
            dump.close();
        }
        System.out.printf(
                Locale.ROOT,
                "%s%n  recall@5=%.3f recall@10=%.3f chainGold=%.3f grounded=%.3f support=%.3f sentences/answer=%.2f"
                        + " option-in-top{1,2,3,5,8,10}=%.2f %.2f %.2f %.2f %.2f %.2f%n"
                        + "  refused-removed=%.3f wrongly-refused-present=%.3f (pooled over seeds)  (%.0f ms/q, full notes)%n",
                kv,
                at5 / (double) n,
                at10 / (double) n,
                chainGold / (double) n,
                grounded / (double) n,
                support / (double) n,
                grounded == 0 ? 0 : sentences / (double) grounded,
                optionInTop[1] / (double) n,
                optionInTop[2] / (double) n,
                optionInTop[3] / (double) n,
                optionInTop[5] / (double) n,
                optionInTop[8] / (double) n,
                optionInTop[10] / (double) n,
                totals[0] / (double) Math.max(1, totals[1]),
                totals[2] / (double) Math.max(1, totals[3]),
                ms);
        System.out.println("  answer support by cause (full notes): " + causes);
        full.close();
        System.exit(0);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of refusal features for offline analysis ({@code dump=path}). */
    private static Map<String, Object> row(
            String seed, String label, Question q, Retriever.Evidence ev, boolean refused, Setup notes) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seed", seed);
        row.put("label", label);
        row.put("question", q.text());
        row.put("refused", refused);
        row.put("questionTerms", ev.questionTerms());
        row.put(
                "df",
                ev.questionTerms().stream()
                        .map(t -> notes.df().getOrDefault(t, 0))
                        .toList());
        row.put("chain", ev.bestChain().stream().map(p -> p.terms()).toList());
        row.put("passages", ev.passages().stream().map(p -> p.terms()).toList());
        row.put("coverage", ev.chainCoverage());
        row.put("sentenceCoverage", RefusalPolicy.coverage(ev, 2));
        row.put("sentenceCoverage1", RefusalPolicy.coverage(ev, 1));
        row.put("sentenceCoverage3", RefusalPolicy.coverage(ev, 3));
        row.put("seedSimilarity", ev.seedSimilarity());
        row.put("chainSimilarity", ev.chainSimilarity());
        row.put("chainText", ev.bestChain().stream().map(p -> p.chunk().text()).toList());
        row.put("chunks", notes.chunks());
        row.put("option", q.option());
        row.put("weights", ev.termWeights());
        row.put("chainSentences", sentenceTerms(ev.bestChain()));
        row.put("evidenceSentences", sentenceTerms(ev.passages()));
        return row;
    }

    /** The content terms of each sentence of each passage, as the refusal rule sees them. */
    private static List<List<Set<String>>> sentenceTerms(List<Retriever.Passage> passages) {
        return passages.stream()
                .map(p -> io.studilo.rag.answer.Sentences.split(p.chunk().text()).stream()
                        .map(ContentTerms::of)
                        .toList())
                .toList();
    }

    private record Setup(
            UUID owner,
            LuceneVectorIndex index,
            Retriever retriever,
            RefusalPolicy policy,
            ExtractiveAnswerer answerer,
            int chunks,
            Map<String, Integer> df)
            implements AutoCloseable {
        @Override
        public void close() {
            index.close();
        }
    }

    /** Set by {@code layout=text}: chunks of several consecutive facts, about as ingestion cuts a text file. */
    private static int factsPerChunk = 1;

    private static Setup setup(
            RagProperties props,
            EmbeddingModel model,
            List<String> facts,
            List<String> chunkTexts,
            List<float[]> vectors,
            Set<String> removed)
            throws Exception {
        if (factsPerChunk > 1) {
            return setupText(props, model, facts, removed);
        }
        UUID owner = UUID.randomUUID();
        UUID doc = UUID.randomUUID();
        LuceneVectorIndex index = new LuceneVectorIndex(
                Files.createTempDirectory("qasc-index"), true, Duration.ZERO, Retrieval.DEFAULT, "all-minilm-l6-v2-q");
        List<Chunk> chunks = new ArrayList<>();
        List<float[]> kept = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            if (removed.contains(facts.get(i))) {
                continue;
            }
            chunks.add(new Chunk(
                    Chunk.idOf(doc, i),
                    owner,
                    doc,
                    "QASC",
                    UUID.nameUUIDFromBytes(("s" + i).getBytes()),
                    "Note " + (i + 1),
                    1,
                    1,
                    i,
                    chunkTexts.get(i)));
            kept.add(vectors.get(i));
        }
        index.upsert(chunks, kept);
        Map<String, Integer> df = new HashMap<>();
        chunks.forEach(c -> ContentTerms.of(c.text()).forEach(t -> df.merge(t, 1, Integer::sum)));
        return new Setup(
                owner,
                index,
                new Retriever(TestKnowledge.over(index, model), props.retrieval()),
                new RefusalPolicy(props.refusal()),
                new ExtractiveAnswerer(props.answer(), props.retrieval().evidencePassages()),
                chunks.size(),
                df);
    }

    /**
     * Writes the retrieval candidates (first hop, and the bridging hop of each of the first five seeds) of every
     * question over the full notes and over each seed's reduced notes, so chain scoring, answer composition and
     * refusal rules can be explored offline. One JSON line per question and notes set; fact vectors first.
     */
    private static void dumpCandidates(
            Path path,
            RagProperties props,
            EmbeddingModel model,
            List<Question> questions,
            List<String> facts,
            List<String> chunkTexts,
            List<float[]> vectors,
            Map<String, String> kv)
            throws Exception {
        Retrieval fusion = props.retrieval().fusion().toRetrieval();
        Map<String, Integer> factOf = new HashMap<>();
        for (int i = 0; i < chunkTexts.size(); i++) {
            factOf.put(chunkTexts.get(i), i);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(path))) {
            List<Object> factRows = new ArrayList<>();
            for (int i = 0; i < facts.size(); i++) {
                factRows.add(Map.of(
                        "text",
                        facts.get(i),
                        "terms",
                        ContentTerms.of(chunkTexts.get(i)),
                        "vector",
                        round(vectors.get(i))));
            }
            out.println(JSON.writeValueAsString(Map.of("facts", factRows)));
            List<String> sets = new ArrayList<>(List.of("full"));
            sets.addAll(List.of(kv.getOrDefault("seeds", "1,2,3").split(",")));
            for (String set : sets) {
                Set<String> removed = new HashSet<>();
                if (!set.equals("full")) {
                    Random random = new Random(Long.parseLong(set));
                    for (Question q : questions) {
                        if (random.nextInt(5) == 0) {
                            removed.add(q.fact1());
                            removed.add(q.fact2());
                        }
                    }
                }
                Setup notes = setup(props, model, facts, chunkTexts, vectors, removed);
                for (Question q : questions) {
                    boolean gone1 = removed.contains(q.fact1()), gone2 = removed.contains(q.fact2());
                    if (!set.equals("full") && gone1 != gone2) {
                        continue;
                    }
                    float[] qv = Embeddings.embed(model, q.text());
                    List<io.studilo.common.knowledge.ScoredChunk> hop1 = notes.index()
                            .search(
                                    new io.studilo.common.knowledge.SearchQuery(
                                            notes.owner(),
                                            q.text(),
                                            qv,
                                            Set.of(),
                                            props.retrieval().hop1Depth()),
                                    fusion);
                    List<Object> hop1Rows = new ArrayList<>();
                    hop1.forEach(
                            h -> hop1Rows.add(List.of(factOf.get(h.chunk().text()), h.denseScore(), h.lexicalScore())));
                    List<Object> hop2Rows = new ArrayList<>();
                    for (int sIdx = 0; sIdx < Math.min(5, hop1.size()); sIdx++) {
                        var seed = hop1.get(sIdx);
                        float[] vector = Knowledge.normalizedSum(
                                qv,
                                vectors.get(factOf.get(seed.chunk().text())),
                                props.retrieval().bridgeWeight());
                        List<io.studilo.common.knowledge.ScoredChunk> hop2 = notes.index()
                                .search(
                                        new io.studilo.common.knowledge.SearchQuery(
                                                notes.owner(),
                                                q.text() + " " + seed.chunk().text(),
                                                vector,
                                                Set.of(),
                                                props.retrieval().hop2Depth()),
                                        fusion);
                        hop2Rows.add(hop2.stream()
                                .map(h -> factOf.get(h.chunk().text()))
                                .toList());
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("set", set);
                    row.put("label", set.equals("full") ? "full" : gone1 ? "removed" : "present");
                    row.put("question", q.text());
                    row.put("option", q.option());
                    row.put("optionTerms", ContentTerms.of(q.option()));
                    row.put(
                            "gold",
                            List.of(
                                    factOf.get(chunkTexts.get(facts.indexOf(q.fact1()))),
                                    factOf.get(chunkTexts.get(facts.indexOf(q.fact2())))));
                    row.put("terms", ContentTerms.of(q.text()));
                    row.put("vector", round(qv));
                    row.put("hop1", hop1Rows);
                    row.put("hop2", hop2Rows);
                    row.put(
                            "removedFacts",
                            set.equals("full")
                                    ? List.of()
                                    : removed.stream()
                                            .map(facts::indexOf)
                                            .sorted()
                                            .toList());
                    out.println(JSON.writeValueAsString(row));
                }
                notes.close();
            }
        }
    }

    private static List<Double> round(float[] v) {
        List<Double> out = new ArrayList<>();
        for (float x : v) {
            out.add(Math.round(x * 10000) / 10000.0);
        }
        return out;
    }

    /**
     * A plain-text upload with one fact per paragraph: ingestion cuts it into chunks of about 300 estimated
     * tokens (~{@code factsPerChunk} facts) that overlap by ~50 tokens (a sixth of the facts); emulated here.
     */
    private static Setup setupText(RagProperties props, EmbeddingModel model, List<String> facts, Set<String> removed)
            throws Exception {
        UUID owner = UUID.randomUUID();
        UUID doc = UUID.randomUUID();
        LuceneVectorIndex index = new LuceneVectorIndex(
                Files.createTempDirectory("qasc-index"), true, Duration.ZERO, Retrieval.DEFAULT, "all-minilm-l6-v2-q");
        List<String> kept = facts.stream().filter(f -> !removed.contains(f)).toList();
        int overlap = Math.max(1, factsPerChunk / 6);
        List<Chunk> chunks = new ArrayList<>();
        for (int start = 0; start < kept.size(); start += factsPerChunk - overlap) {
            // Ingestion keeps a blank line between paragraphs in the chunk text (Chunker), and one fact is one
            // paragraph.
            String text = String.join("\n\n", kept.subList(start, Math.min(kept.size(), start + factsPerChunk)));
            chunks.add(new Chunk(
                    Chunk.idOf(doc, chunks.size()),
                    owner,
                    doc,
                    "QASC",
                    UUID.nameUUIDFromBytes(("p" + chunks.size() / 10).getBytes()),
                    "Pages",
                    1 + chunks.size(),
                    1 + chunks.size(),
                    chunks.size(),
                    text));
            if (start + factsPerChunk >= kept.size()) {
                break;
            }
        }
        index.upsert(
                chunks,
                Embeddings.embedAll(model, chunks.stream().map(Chunk::text).toList()));
        Map<String, Integer> df = new HashMap<>();
        chunks.forEach(c -> ContentTerms.of(c.text()).forEach(t -> df.merge(t, 1, Integer::sum)));
        return new Setup(
                owner,
                index,
                new Retriever(TestKnowledge.over(index, model), props.retrieval()),
                new RefusalPolicy(props.refusal()),
                new ExtractiveAnswerer(props.answer(), props.retrieval().evidencePassages()),
                chunks.size(),
                df);
    }

    private static boolean both(List<String> texts, int k, Question q) {
        List<String> top = texts.subList(0, Math.min(k, texts.size()));
        return contains(top, q.fact1()) && contains(top, q.fact2());
    }

    private static boolean contains(List<String> texts, String fact) {
        return texts.stream().anyMatch(t -> t.contains(fact));
    }
}
