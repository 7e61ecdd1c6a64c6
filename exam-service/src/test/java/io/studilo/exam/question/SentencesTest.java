package io.studilo.exam.question;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void wrappedLinesAreJoinedAndBlankLinesEndBlocks() {
        assertThat(Sentences.split("Reptiles are cold-\nblooded animals. Birds are not.\n\nA new block"))
                .containsExactly("Reptiles are cold- blooded animals.", "Birds are not.", "A new block");
    }

    @Test
    void markdownHeadingLinesAreNotPartOfTheFirstSentence() {
        assertThat(Sentences.split("## Part 1\nReptile parents provide little care.\n### Birds\nBirds lay eggs."))
                .containsExactly("Reptile parents provide little care.", "Birds lay eggs.");
    }

    @Test
    void aHashInsideALineIsKept() {
        assertThat(Sentences.split("C# is a language.")).containsExactly("C# is a language.");
    }
}
