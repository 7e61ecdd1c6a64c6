package io.studilo.common.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/** The real default embedding model, loaded once per test JVM (≈1 s). */
public final class TestEmbeddings {

    private static final EmbeddingModel MODEL = EmbeddingModels.create(KnowledgeProperties.MINILM);

    private TestEmbeddings() {}

    public static EmbeddingModel model() {
        return MODEL;
    }

    public static float[] embed(String text) {
        return Embeddings.embed(MODEL, text);
    }

    public static List<float[]> embedAll(List<String> texts) {
        return Embeddings.embedAll(MODEL, texts);
    }
}
