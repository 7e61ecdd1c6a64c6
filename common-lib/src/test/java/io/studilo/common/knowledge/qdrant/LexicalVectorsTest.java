package io.studilo.common.knowledge.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexicalVectorsTest {

    private final LexicalVectors lexical = new LexicalVectors();

    @Test
    void queryAndDocumentShareDimensionsForTheSameStemmedTerms() {
        LexicalVectors.Sparse document = lexical.document("Rockets burn propellant; the rocket's thrust lifts it.");
        LexicalVectors.Sparse query = lexical.query("rocket thrust");

        assertThat(document.indices()).containsAll(query.indices());
        assertThat(query.values()).containsOnly(1f);
    }

    @Test
    void repeatedTermsWeighMoreButSaturate() {
        LexicalVectors.Sparse once = lexical.document("orbit");
        LexicalVectors.Sparse thrice = lexical.document("orbit orbit orbit");

        assertThat(thrice.indices()).isEqualTo(once.indices());
        assertThat(thrice.values().get(0)).isGreaterThan(once.values().get(0)).isLessThan(2.2f);
    }

    @Test
    void stopWordsAloneGiveAnEmptyVector() {
        assertThat(lexical.query("the of and").isEmpty()).isTrue();
        assertThat(lexical.document("").isEmpty()).isTrue();
    }

    @Test
    void indicesAreNonNegative() {
        assertThat(lexical.document("a quick brown fox jumps over the lazy dog zorbulite")
                        .indices())
                .allSatisfy(index -> assertThat(index).isNotNegative());
    }
}
