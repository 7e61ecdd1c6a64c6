package io.studilo.bench.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.common.knowledge.EmbeddingModels;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.KnowledgeProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentences per second of each in-process embedding model through the batch API ({@code embedAll}), on the QASC
 * facts (short sentences, like exam-sized note passages) and on ≈300-token passages (the ingestion chunk size),
 * plus single-query latency. Args: model names (default both).
 */
public final class EmbeddingThroughputBench {

    public static void main(String[] args) throws Exception {
        List<String> models =
                args.length > 0 ? List.of(args) : List.of(KnowledgeProperties.MINILM, KnowledgeProperties.BGE_SMALL);
        Qasc qasc = Qasc.load(Qasc.defaultPath());
        List<String> sentences = qasc.facts();
        List<String> passages = new ArrayList<>();
        for (int i = 0; i + 15 <= sentences.size() && passages.size() < 40; i += 15) {
            passages.add(String.join(" ", sentences.subList(i, i + 15))); // ≈ 250-300 word pieces
        }
        System.out.printf(
                "cores=%d sentences=%d passages=%d%n",
                Runtime.getRuntime().availableProcessors(), sentences.size(), passages.size());
        for (String name : models) {
            EmbeddingModel model = EmbeddingModels.create(name);
            Embeddings.embedAll(model, sentences.subList(0, 32)); // warm-up
            long t0 = System.nanoTime();
            Embeddings.embedAll(model, sentences);
            double sentencesPerSecond = sentences.size() / seconds(t0);
            long t1 = System.nanoTime();
            Embeddings.embedAll(model, passages);
            double passagesPerSecond = passages.size() / seconds(t1);
            long t2 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                Embeddings.embed(model, qasc.questions().get(i).text());
            }
            double queryMillis = seconds(t2) * 1000 / 50;
            System.out.printf(
                    "%-20s sentences/s=%.1f  passages(~300 tok)/s=%.1f  single query=%.1f ms%n",
                    name, sentencesPerSecond, passagesPerSecond, queryMillis);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
