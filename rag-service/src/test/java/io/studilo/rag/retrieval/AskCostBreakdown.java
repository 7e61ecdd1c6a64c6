package io.studilo.rag.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.common.knowledge.EmbeddingModels;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import io.studilo.rag.RagProperties;
import io.studilo.rag.answer.ExtractiveAnswerer;
import io.studilo.rag.answer.RefusalPolicy;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;

/**
 * Where the CPU of a cold ask goes, in process (no HTTP, no cache): the query embedding, one hybrid search (the
 * bare path of {@code RagLatencyBench}), the whole multi-hop retrieval (embedding included), the refusal rule and
 * the extractive answer, each as this JVM's CPU time per question over the 307 QASC questions (made unique per
 * round so no cache answers), six rounds so the JIT settles. Runs on the latency bench's 10,000-chunk index
 * (build it with {@code RagLatencyBench} first). Not a test: run it by hand from {@code rag-service/}:
 *
 * <pre>
 * ../mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.studilo.rag.retrieval.AskCostBreakdown \
 *     ../bench/target/rag-latency-index
 * </pre>
 */
public final class AskCostBreakdown {
    public static void main(String[] args) throws Exception {
        MutablePropertySources sources = new MutablePropertySources();
        new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"))
                .forEach(sources::addLast);
        RagProperties props = new Binder(
                        ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                .bindOrCreate("studilo.rag", RagProperties.class);
        EmbeddingModel model = EmbeddingModels.create("all-minilm-l6-v2-q");
        UUID owner = UUID.fromString("00000000-0000-4000-8000-00000000b001");
        LuceneVectorIndex index = new LuceneVectorIndex(
                Path.of(args[0]), false, Duration.ofMillis(100), Retrieval.DEFAULT, "all-minilm-l6-v2-q");
        Knowledge knowledge = TestKnowledge.over(index, model);
        Retriever retriever = new Retriever(knowledge, props.retrieval());
        RefusalPolicy refusal = new RefusalPolicy(props.refusal());
        ExtractiveAnswerer answerer =
                new ExtractiveAnswerer(props.answer(), props.retrieval().evidencePassages());
        JsonNode data = new ObjectMapper()
                .readTree(Path.of(
                                System.getenv().getOrDefault("STUDILO_SHARED_DATA", "../../shared/data"),
                                "qa/qasc_dev_split.json")
                        .toFile());
        List<String> qs = new ArrayList<>();
        data.forEach(n -> qs.add(n.get("question").asText()));
        // Process CPU, not thread CPU: the embedding and the index searches run on pool threads.
        com.sun.management.OperatingSystemMXBean mx =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < 6; round++) {
            long embed = 0, search1 = 0, retrieve = 0, refuse = 0, answer = 0;
            for (String q0 : qs) {
                String q = q0 + " r" + round; // unique: no query-embedding cache hit
                long t0 = mx.getProcessCpuTime();
                float[] v = Embeddings.embed(model, q);
                long t1 = mx.getProcessCpuTime();
                index.search(new SearchQuery(owner, q, v, Set.of(), 10), Retrieval.DEFAULT);
                long t2 = mx.getProcessCpuTime();
                var ev =
                        retriever.retrieve(owner, q, Set.of(), props.retrieval().evidencePassages());
                long t3 = mx.getProcessCpuTime();
                boolean ok = refusal.supports(ev);
                long t4 = mx.getProcessCpuTime();
                if (ok) answerer.answer(ev);
                long t5 = mx.getProcessCpuTime();
                embed += t1 - t0;
                search1 += t2 - t1;
                retrieve += t3 - t2;
                refuse += t4 - t3;
                answer += t5 - t4;
            }
            int n = qs.size();
            System.out.printf(
                    Locale.ROOT,
                    "round %d, CPU ms per question: embed %.2f, one hybrid search %.2f, multi-hop retrieval %.2f,"
                            + " refusal %.2f, answer %.2f%n",
                    round,
                    embed / 1e6 / n,
                    search1 / 1e6 / n,
                    retrieve / 1e6 / n,
                    refuse / 1e6 / n,
                    answer / 1e6 / n);
        }
        System.exit(0);
    }
}
