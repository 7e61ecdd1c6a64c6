package io.studilo.common.knowledge;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into the unit-length vectors both index adapters expect (they rank by dot product = cosine).
 * Batches go through the model's {@code embedAll}, which spreads the work across the cores.
 */
public final class Embeddings {

    private Embeddings() {}

    /** Embeds the texts in one batch; {@code result.get(i)} is the unit vector of {@code texts.get(i)}. */
    public static List<float[]> embedAll(EmbeddingModel model, List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String text : texts) {
            segments.add(TextSegment.from(text));
        }
        List<Embedding> embeddings = model.embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(normalized(embedding.vector()));
        }
        return vectors;
    }

    /** Embeds one text (a query) as a unit vector. */
    public static float[] embed(EmbeddingModel model, String text) {
        return normalized(model.embed(text).content().vector());
    }

    /** A unit-length copy of the vector (the zero vector stays zero). */
    public static float[] normalized(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        float[] unit = vector.clone();
        if (sum == 0 || Math.abs(sum - 1) < 1e-6) {
            return unit;
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < unit.length; i++) {
            unit[i] /= norm;
        }
        return unit;
    }

    /** Cosine similarity of two vectors (0 when either is all zeros). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
