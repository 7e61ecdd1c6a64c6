package io.studilo.common.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingModelsTest {

    private static final List<String> TEXTS = List.of(
            "Kepler's third law relates the orbital period to the semi-major axis.",
            "A short one.",
            "The rocket's thrust curve is read from the motor file; drag comes from the power-off coefficient table. "
                    .repeat(8));

    /** Our single-threaded session must give the vectors LangChain4j's own class gives, batch or one by one. */
    @Test
    void sameVectorsAsTheLangChain4jModel() {
        EmbeddingModel ours = EmbeddingModels.create(KnowledgeProperties.MINILM);
        EmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();

        List<float[]> batch = Embeddings.embedAll(ours, TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] expected = Embeddings.embed(reference, TEXTS.get(i));
            assertThat(Embeddings.cosine(batch.get(i), expected)).isGreaterThan(0.9999);
            assertThat(Embeddings.cosine(Embeddings.embed(ours, TEXTS.get(i)), expected))
                    .isGreaterThan(0.9999);
        }
        assertThat(ours.dimension()).isEqualTo(384);
    }

    @Test
    void unknownModelNamesTheKnownOnes() {
        assertThatThrownBy(() -> EmbeddingModels.create("gpt-embeddings"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KnowledgeProperties.MINILM);
    }
}
