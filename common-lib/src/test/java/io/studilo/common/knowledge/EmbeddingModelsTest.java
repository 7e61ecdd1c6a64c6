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
                    .repeat(4));

    private static final String LONG_HEAD =
            "The rocket's thrust curve is read from the motor file; drag comes from the power-off coefficient table. "
                    .repeat(8);

    /**
     * Our single-threaded session must give the vectors LangChain4j's own class gives, batch or one by one, for
     * every text that fits one window.
     */
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

    /** LangChain4j's model sees only a text's first 128 tokens; ours sees all of it, window by window. */
    @Test
    void theWholeOfALongTextCountsNotJustItsFirstWindow() {
        EmbeddingModel ours = EmbeddingModels.create(KnowledgeProperties.MINILM);
        EmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        String tail = " Photosynthesis turns light, water and carbon dioxide into sugar in the chloroplasts.";
        assertThat(Embeddings.cosine(
                        Embeddings.embed(reference, LONG_HEAD), Embeddings.embed(reference, LONG_HEAD + tail)))
                .as("the reference cuts the tail off")
                .isGreaterThan(0.9999);

        float[] head = Embeddings.embed(ours, LONG_HEAD);
        float[] whole = Embeddings.embed(ours, LONG_HEAD + tail);
        float[] topic = Embeddings.embed(ours, "Where does photosynthesis make sugar?");
        assertThat(Embeddings.cosine(head, whole)).isLessThan(0.999);
        assertThat(Embeddings.cosine(topic, whole)).isGreaterThan(Embeddings.cosine(topic, head) + 0.02);
        // Batches give the same vectors as single calls, and stay unit length.
        List<float[]> batch = Embeddings.embedAll(ours, List.of("A short one.", LONG_HEAD + tail));
        assertThat(Embeddings.cosine(batch.get(1), whole)).isGreaterThan(0.9999);
        double norm = 0;
        for (float v : whole) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void unknownModelNamesTheKnownOnes() {
        assertThatThrownBy(() -> EmbeddingModels.create("gpt-embeddings"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KnowledgeProperties.MINILM);
    }
}
