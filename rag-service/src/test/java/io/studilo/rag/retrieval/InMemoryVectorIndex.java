package io.studilo.rag.retrieval;

import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.ScoredChunk;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.VectorIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A small exact hybrid index for unit tests and tuning runs (cosine + BM25, fused by RRF like the Lucene
 * adapter). Integration tests use the real adapter.
 */
public final class InMemoryVectorIndex implements VectorIndex {

    private record Entry(Chunk chunk, float[] vector, Map<String, Integer> tf, int length) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public void upsert(List<Chunk> chunks, List<float[]> vectors) {
        for (int i = 0; i < chunks.size(); i++) {
            Map<String, Integer> tf = new HashMap<>();
            List<String> tokens = tokens(chunks.get(i).text());
            tokens.forEach(t -> tf.merge(t, 1, Integer::sum));
            entries.put(
                    chunks.get(i).id(),
                    new Entry(chunks.get(i), Embeddings.normalized(vectors.get(i)), tf, tokens.size()));
        }
    }

    @Override
    public List<ScoredChunk> search(SearchQuery query) {
        return search(query, io.studilo.common.knowledge.Retrieval.DEFAULT);
    }

    @Override
    public List<ScoredChunk> search(SearchQuery query, io.studilo.common.knowledge.Retrieval fusion) {
        List<Entry> mine = entries.values().stream()
                .filter(e -> e.chunk().ownerId().equals(query.ownerId()))
                .filter(e -> query.documentIds().isEmpty()
                        || query.documentIds().contains(e.chunk().documentId()))
                .toList();
        if (mine.isEmpty()) {
            return List.of();
        }
        Map<String, Double> dense = new HashMap<>();
        mine.forEach(e -> dense.put(e.chunk().id(), Embeddings.cosine(query.vector(), e.vector())));
        Map<String, Double> lexical = bm25(mine, tokens(query.text()));
        Map<String, Double> fused = new HashMap<>();
        rank(dense, fusion.denseCandidates())
                .forEach((id, r) -> fused.merge(id, fusion.denseWeight() / (fusion.rrfK() + r), Double::sum));
        rank(lexical, fusion.lexicalCandidates())
                .forEach((id, r) -> fused.merge(id, fusion.lexicalWeight() / (fusion.rrfK() + r), Double::sum));
        Map<String, Entry> byId = new HashMap<>();
        mine.forEach(e -> byId.put(e.chunk().id(), e));
        return fused.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(query.limit())
                .map(e -> new ScoredChunk(
                        byId.get(e.getKey()).chunk(),
                        e.getValue(),
                        dense.getOrDefault(e.getKey(), 0.0),
                        lexical.getOrDefault(e.getKey(), 0.0),
                        byId.get(e.getKey()).vector()))
                .toList();
    }

    private static Map<String, Integer> rank(Map<String, Double> scores, int depth) {
        List<Map.Entry<String, Double>> sorted = scores.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(depth)
                .toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranks.put(sorted.get(i).getKey(), i + 1);
        }
        return ranks;
    }

    private static Map<String, Double> bm25(List<Entry> docs, List<String> query) {
        double avg = docs.stream().mapToInt(Entry::length).average().orElse(1);
        Map<String, Integer> df = new HashMap<>();
        for (Entry d : docs) {
            d.tf().keySet().forEach(t -> df.merge(t, 1, Integer::sum));
        }
        Map<String, Double> scores = new HashMap<>();
        for (Entry d : docs) {
            double s = 0;
            for (String t : Set.copyOf(query)) {
                Integer f = d.tf().get(t);
                if (f == null) {
                    continue;
                }
                int n = df.get(t);
                double idf = Math.log(1 + (docs.size() - n + 0.5) / (n + 0.5));
                s += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * d.length() / avg));
            }
            scores.put(d.chunk().id(), s);
        }
        return scores;
    }

    private static List<String> tokens(String text) {
        return new ArrayList<>(ContentTerms.of(text));
    }

    @Override
    public List<Chunk> chunks(UUID ownerId, UUID documentId, @Nullable UUID sectionId) {
        return entries.values().stream()
                .map(Entry::chunk)
                .filter(c -> c.ownerId().equals(ownerId) && c.documentId().equals(documentId))
                .filter(c -> sectionId == null || sectionId.equals(c.sectionId()))
                .sorted(Comparator.comparingInt(Chunk::chunkIndex))
                .toList();
    }

    @Override
    public void deleteDocument(UUID ownerId, UUID documentId) {
        entries.values()
                .removeIf(e -> e.chunk().ownerId().equals(ownerId)
                        && e.chunk().documentId().equals(documentId));
    }

    @Override
    public long count(UUID ownerId) {
        return entries.values().stream()
                .filter(e -> e.chunk().ownerId().equals(ownerId))
                .count();
    }
}
