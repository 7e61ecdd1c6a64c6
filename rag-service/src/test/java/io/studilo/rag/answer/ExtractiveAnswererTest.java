package io.studilo.rag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.common.knowledge.Chunk;
import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.ContentTerms;
import io.studilo.rag.retrieval.Retriever.Evidence;
import io.studilo.rag.retrieval.Retriever.Passage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The extractive answer: a connected chain of cited sentences from the evidence, nothing else. */
class ExtractiveAnswererTest {

    static final UUID OWNER = UUID.randomUUID();
    static final UUID DOC = UUID.randomUUID();

    ExtractiveAnswerer answerer(int maxSentences) {
        RagProperties props = new Binder(new MapConfigurationPropertySource(
                        Map.of("studilo.rag.answer.max-sentences", Integer.toString(maxSentences))))
                .bindOrCreate("studilo.rag", RagProperties.class);
        return new ExtractiveAnswerer(props.answer(), 8);
    }

    static Passage passage(int index, int page, String section, String text) {
        return new Passage(
                new Chunk(
                        Chunk.idOf(DOC, index),
                        OWNER,
                        DOC,
                        "Zoology",
                        UUID.randomUUID(),
                        section,
                        page,
                        page,
                        index,
                        text),
                1.0 - index / 10.0,
                ContentTerms.of(text));
    }

    static Evidence evidence(String question, List<Passage> chain, List<Passage> passages) {
        Set<String> terms = ContentTerms.of(question);
        return new Evidence(
                passages,
                terms,
                ContentTerms.distinctiveness(
                        terms, passages.stream().map(Passage::terms).toList()),
                chain,
                1.0,
                0.6,
                0.6);
    }

    @Test
    void aSentenceFromTwoCopiesOfTheNotesIsQuotedOnceFromTheBetterRankedCopy() {
        Passage slides = passage(0, 4, "Reptiles", "Crocodilian mothers provide the most care of all reptiles.");
        Passage handout = passage(
                1,
                9,
                "Reptiles",
                "Crocodilian mothers provide the most care of all reptiles! "
                        + "As noted: crocodilian mothers provide the most care of all reptiles, guarding the nest.");
        Answer answer = answerer(3)
                .answer(evidence("Which reptiles provide the most care?", List.of(slides), List.of(slides, handout)));
        assertThat(answer.answer()).isEqualTo("Crocodilian mothers provide the most care of all reptiles [1].");
        assertThat(answer.citations())
                .singleElement()
                .satisfies(c -> assertThat(c.page()).isEqualTo(4));
    }

    @Test
    void aRuleWithoutLettersDoesNotHideTheSentencesAfterIt() {
        Passage notes =
                passage(0, 2, "Reptiles", "- - - - - - -\n\nReptile parents provide little care to their young.");
        Answer answer = answerer(1)
                .answer(evidence("Which parents provide little care to their young?", List.of(notes), List.of(notes)));
        assertThat(answer.answer()).isEqualTo("Reptile parents provide little care to their young [1].");
    }

    @Test
    void aOneLetterSymbolInTheQuestionPicksTheSentenceThatHasIt() {
        Passage options = passage(
                0,
                3,
                "Options",
                "-M Places the client into master mode for connection sharing with other options. "
                        + "-L Specifies that connections to the given local port are forwarded to the remote host.");
        Answer answer = answerer(1).answer(evidence("What does the -L option do?", List.of(options), List.of(options)));
        assertThat(answer.answer()).startsWith("-L Specifies that connections");
    }

    @Test
    void followsTheChainFromTheQuestionToTheSentenceThatCarriesTheAnswerInsideALongPassage() {
        // One passage of many facts (as a text file is cut): the answer needs the fact that matches the question
        // and the one that links to it by a word the question does not use ("reptiles"), not the one that merely
        // repeats a question word ("young").
        Passage notes = passage(
                0,
                3,
                "Reptiles",
                "Volcanoes release ash into the air. Reptile parents provide little if any care to their young. "
                        + "Young stars are hot. Iguanas are reptiles that lay eggs in burrows. "
                        + "Copper conducts electricity well. Rivers carry sediment to the sea.");
        Answer answer = answerer(2)
                .answer(evidence("What provides little care to their young?", List.of(notes), List.of(notes)));
        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer())
                .isEqualTo("Reptile parents provide little if any care to their young [1]. "
                        + "Iguanas are reptiles that lay eggs in burrows [1].");
        assertThat(answer.citations()).singleElement().satisfies(c -> {
            assertThat(c.page()).isEqualTo(3);
            assertThat(c.sectionTitle()).isEqualTo("Reptiles");
        });
    }

    @Test
    void aDefinitionQuestionGetsTheSentenceAboutTheTermNotOneThatMentionsIt() {
        Passage notes = passage(
                0,
                2,
                "Climate",
                "Storms bring rain and change the weather. Weather is the state of the atmosphere at one moment. "
                        + "Storms are tracked by satellites. Orbiting spacecraft that observe storms are called satellites.");
        assertThat(answerer(1)
                        .answer(evidence("Define weather, as your notes do.", List.of(notes), List.of(notes)))
                        .answer())
                .isEqualTo("Weather is the state of the atmosphere at one moment [1].");
        assertThat(answerer(1)
                        .answer(evidence("What are satellites?", List.of(notes), List.of(notes)))
                        .answer())
                .isEqualTo("Orbiting spacecraft that observe storms are called satellites [1].");
    }

    @Test
    void takesNoSentenceThatSharesNothingWithTheQuestionOrTheAnswer() {
        Passage first = passage(0, 1, "A", "Crocodilian mothers provide the most parental care of any reptile.");
        Passage second = passage(1, 2, "B", "Reptile eggs have leathery shells.");
        Passage unrelated = passage(2, 5, "C", "Copper conducts electricity well.");
        Answer answer = answerer(5)
                .answer(evidence(
                        "Which reptile mothers give the most care?",
                        List.of(first, second),
                        List.of(first, second, unrelated)));
        assertThat(answer.answer())
                .isEqualTo("Crocodilian mothers provide the most parental care of any reptile [1]. "
                        + "Reptile eggs have leathery shells [2].");
        assertThat(answer.citations()).extracting(Citation::page).containsExactly(1, 2);
    }

    @Test
    void bridgesOneStepFromTheQuestionButDoesNotDriftFromLinkToLink() {
        Passage first = passage(0, 1, "A", "Lightning is a major cause of forest fires.");
        Passage bridge = passage(1, 2, "B", "Lightning comes from thunderstorms.");
        Passage drift = passage(2, 3, "C", "Thunderstorms form over warm oceans.");
        Answer answer = answerer(5)
                .answer(evidence("What causes forest fires?", List.of(first, bridge), List.of(first, bridge, drift)));
        assertThat(answer.answer())
                .isEqualTo("Lightning is a major cause of forest fires [1]. Lightning comes from thunderstorms [2].");
    }

    @Test
    void theSentenceThatAnswersMostLeadsTheRestFollowTheEvidenceOrder() {
        Passage forcing = passage(
                0, 2, "1.1 Roll Forcing", "The author defines the roll forcing coefficient from the fin cant angle.");
        Passage damping = passage(
                1, 3, "1.2 Roll Damping", "The author defines the roll damping coefficient from the spin rate.");
        Answer answer = answerer(5)
                .answer(evidence(
                        "How is the roll damping coefficient defined?",
                        List.of(forcing, damping),
                        List.of(forcing, damping)));
        assertThat(answer.answer())
                .startsWith("The author defines the roll damping coefficient from the spin rate [1].")
                .contains("roll forcing coefficient");
        assertThat(answer.citations()).extracting(Citation::page).containsExactly(3, 2);
    }

    @Test
    void aTitleOrLabelOnItsOwnIsNoSentenceOfTheAnswer() {
        Passage usage = passage(0, 8, "Invoking asn1Parser", "asn1Parser reads ASN.1 definitions for libtasn1.");
        Passage titlePage = passage(1, 1, "Introduction", "Libtasn1\n\nBIT STRING");
        Answer answer = answerer(5)
                .answer(evidence("What does asn1Parser read?", List.of(usage, titlePage), List.of(usage, titlePage)));
        assertThat(answer.answer()).isEqualTo("asn1Parser reads ASN.1 definitions for libtasn1 [1].");
    }

    @Test
    void aMarkdownHeadingIsTheCitationsSectionNotPartOfTheSentence() {
        Passage section = passage(0, 1, "Fact 12", "## Fact 12\nLightning is a major cause of forest fires.");
        Answer answer = answerer(5).answer(evidence("What causes forest fires?", List.of(section), List.of(section)));
        assertThat(answer.answer()).isEqualTo("Lightning is a major cause of forest fires [1].");
        assertThat(answer.citations().get(0).snippet()).isEqualTo("Lightning is a major cause of forest fires.");
        assertThat(answer.citations().get(0).sectionTitle()).isEqualTo("Fact 12");
    }

    @Test
    void aPdfHeadingLineIsLeftOutAndLongSentencesStopAtTheCharacterBudget() {
        String equations = " The drag force is D = 0.5 rho v2 Cd A (3) where rho v2 A Cd (4) (5) x2 y2 a b".repeat(12);
        Passage section = passage(
                0,
                3,
                "1.2 Roll Damping",
                "1.2 Roll Damping\nThe roll damping force counteracts the roll of the rocket." + equations + ".");
        Passage next = passage(1, 4, "1.3 Roll Forcing", "Roll forcing is the moment that makes the rocket roll.");
        Answer answer = answerer(5)
                .answer(evidence(
                        "What counteracts the roll of the rocket?", List.of(section, next), List.of(section, next)));

        assertThat(answer.answer()).startsWith("The roll damping force counteracts the roll of the rocket [1].");
        assertThat(answer.answer()).hasSizeLessThanOrEqualTo(700).doesNotContain("x2 y2");
        assertThat(answer.citations().get(0).snippet()).startsWith("The roll damping force");
    }
}
