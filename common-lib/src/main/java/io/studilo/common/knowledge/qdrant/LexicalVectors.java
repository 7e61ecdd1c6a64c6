package io.studilo.common.knowledge.qdrant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * Sparse lexical vectors for Qdrant, from the same English analysis as the Lucene adapter's BM25 field: each
 * term is hashed to a dimension; a document's weight is BM25's saturated term frequency (k1 = 1.2, b = 0.75
 * against a nominal length), a query's is 1 per distinct term. Qdrant multiplies in the IDF ({@code modifier:
 * idf}), so their dot product is a BM25 score.
 */
final class LexicalVectors {

    record Sparse(List<Integer> indices, List<Float> values) {

        boolean isEmpty() {
            return indices.isEmpty();
        }
    }

    private static final float K1 = 1.2f;
    private static final float B = 0.75f;
    private static final float AVERAGE_LENGTH = 150f; // analysed terms in a ≈300-token chunk

    private final Analyzer analyzer = new EnglishAnalyzer();

    Sparse document(String text) {
        Map<Integer, Integer> counts = termCounts(text);
        int length = counts.values().stream().mapToInt(Integer::intValue).sum();
        float norm = K1 * (1 - B + B * length / AVERAGE_LENGTH);
        List<Integer> indices = new ArrayList<>(counts.size());
        List<Float> values = new ArrayList<>(counts.size());
        counts.forEach((index, tf) -> {
            indices.add(index);
            values.add(tf * (K1 + 1) / (tf + norm));
        });
        return new Sparse(indices, values);
    }

    Sparse query(String text) {
        Map<Integer, Integer> counts = termCounts(text);
        List<Integer> indices = new ArrayList<>(counts.keySet());
        List<Float> values = new ArrayList<>(indices.size());
        for (int i = 0; i < indices.size(); i++) {
            values.add(1f);
        }
        return new Sparse(indices, values);
    }

    private Map<Integer, Integer> termCounts(String text) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                BytesRef bytes = new BytesRef(term);
                int index = StringHelper.murmurhash3_x86_32(bytes, 0x5EED) & 0x7fffffff;
                counts.merge(index, 1, Integer::sum);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }
}
