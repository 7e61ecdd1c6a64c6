package io.studilo.rag.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentTermsTest {

    @Test
    void requestWordsAreNotWhatAQuestionIsAbout() {
        assertThat(ContentTerms.of("Define weather, as your notes do.")).isEqualTo(ContentTerms.of("weather"));
        assertThat(ContentTerms.of("What do my notes say about photosynthesis? Please explain."))
                .isEqualTo(ContentTerms.of("photosynthesis"));
    }

    @Test
    void aSymbolOrAnOptionOfOneLetterIsATerm() {
        assertThat(ContentTerms.of("What is g in the equation of the pendulum?"))
                .contains("g", "pendulum");
        assertThat(ContentTerms.of("What does the -L option do?")).containsExactly("l", "option");
    }

    @Test
    void termsAreStemmedAndDistinct() {
        assertThat(ContentTerms.of("Reptiles lay eggs; a reptile's egg is leathery."))
                .containsExactly("reptil", "lai", "egg", "leatheri");
    }
}
