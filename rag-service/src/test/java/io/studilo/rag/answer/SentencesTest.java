package io.studilo.rag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void aBlankLineEndsASentenceEvenWithoutAFullStopAndWrappedLinesAreJoined() {
        assertThat(Sentences.split("Male gametes are sperm\n\nMeteorologists study the\nweather. They forecast it."))
                .containsExactly("Male gametes are sperm", "Meteorologists study the weather.", "They forecast it.");
    }

    @Test
    void markdownHeadingLinesAreLeftOut() {
        assertThat(Sentences.split("## Part 1\nReptiles lay eggs.\n## Part 2\nBirds fly."))
                .containsExactly("Reptiles lay eggs.", "Birds fly.");
    }
}
