package io.studilo.exam.question;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import io.studilo.exam.support.SampleNotes;
import io.studilo.exam.text.Text;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestionGeneratorTest {

    static final UUID OWNER = UUID.randomUUID();
    static final UUID DOCUMENT = UUID.randomUUID();

    static GeneratedBank bank;
    static List<Chunk> chunks;

    @BeforeAll
    static void generateFromTheIndex(@TempDir Path dir) {
        List<Chunk> notes = SampleNotes.chunks(OWNER, DOCUMENT);
        try (LuceneVectorIndex index = new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT)) {
            index.upsert(notes, SampleNotes.embed(notes));
            List<Chunk> other = SampleNotes.chunks(UUID.randomUUID(), UUID.randomUUID());
            index.upsert(other, SampleNotes.embed(other));
            chunks = index.chunks(OWNER, DOCUMENT, null);
        }
        bank = new QuestionGenerator(
                        SampleNotes.embeddingModel(), QuestionGenerator.Settings.DEFAULTS, QuestionRephraser.NONE)
                .generate(chunks);
    }

    @Test
    void aBlankCoversAWholeTokenNeverPartOfAnIdentifier() {
        String sentence = "ASN1_MAX_NAME_SIZE is the maximum length of a name; MAX_NAME_SIZE is not defined.";
        assertThat(QuestionGenerator.wholeTokenAt(sentence, "MAX_NAME_SIZE")).isEqualTo(sentence.indexOf("; ") + 2);
        assertThat(QuestionGenerator.blank(sentence, "MAX_NAME_SIZE"))
                .startsWith("ASN1_MAX_NAME_SIZE is")
                .contains("; _____ is");
        assertThat(QuestionGenerator.wholeTokenAt("ASN1_MAX_NAME_SIZE is the maximum.", "MAX_NAME_SIZE"))
                .isEqualTo(-1);
    }

    @Test
    void markupLeftByTheExtractionIsNoKeyTerm() {
        assertThat(QuestionGenerator.hasMarkup("margin} Note")).isTrue();
        assertThat(QuestionGenerator.hasMarkup("\\vector{r}")).isTrue();
        assertThat(QuestionGenerator.hasMarkup("angular momentum")).isFalse();
        assertThat(QuestionGenerator.hasMarkup("r_1")).isFalse();
    }

    @Test
    void readsOnlyTheOwnersChunksInOrder() {
        assertThat(chunks).hasSize(6).allMatch(c -> c.ownerId().equals(OWNER));
        assertThat(chunks).extracting(Chunk::chunkIndex).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void coversEverySectionWithAllFourLevels() {
        Map<UUID, Set<QuestionType>> typesBySection = bank.questions().stream()
                .collect(Collectors.groupingBy(
                        q -> q.passage().sectionId(), Collectors.mapping(QuestionDraft::type, Collectors.toSet())));
        assertThat(typesBySection).hasSize(3);
        assertThat(typesBySection.values())
                .allSatisfy(types -> assertThat(types)
                        .contains(QuestionType.TRUE_FALSE, QuestionType.MULTIPLE_CHOICE, QuestionType.CLOZE));
        assertThat(bank.questions()).extracting(QuestionDraft::type).contains(QuestionType.SHORT_ANSWER);
        assertThat(bank.questions().size()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyQuestionCitesAPassageThatStatesItsKey() {
        assertThat(bank.questions()).allSatisfy(q -> {
            assertThat(q.passage().text()).containsIgnoringCase(q.key());
            assertThat(q.passage().page()).isBetween(1, 3);
            assertThat(q.passage().documentId()).isEqualTo(DOCUMENT);
        });
    }

    @Test
    void multipleChoiceItemsHaveOneCorrectAndThreeDistinctDistractorsFromTheNotes() {
        List<QuestionDraft> mcqs = bank.questions().stream()
                .filter(q -> q.type() == QuestionType.MULTIPLE_CHOICE)
                .toList();
        String allNotes =
                String.join(" ", chunks.stream().map(Chunk::text).toList()).toLowerCase();
        assertThat(mcqs).isNotEmpty().allSatisfy(q -> {
            assertThat(q.options()).hasSize(4).doesNotHaveDuplicates().containsOnlyOnce(q.answer());
            assertThat(q.prompt()).contains(ValidationRule.BLANK);
            for (String option : q.options()) {
                assertThat(allNotes).contains(option.toLowerCase());
                if (!option.equals(q.answer())) {
                    assertThat(Text.containsPhrase(q.passage().text(), option)).isFalse();
                }
            }
        });
    }

    @Test
    void falseStatementsSwapTheKeyForAnotherTermOfTheNotes() {
        List<QuestionDraft> falseOnes = bank.questions().stream()
                .filter(q -> q.type() == QuestionType.TRUE_FALSE && q.answer().equals("false"))
                .toList();
        assertThat(falseOnes).isNotEmpty().allSatisfy(q -> {
            assertThat(q.swapped()).isNotNull();
            assertThat(q.prompt())
                    .contains(q.swapped())
                    .isNotEqualTo(q.passage().text());
        });
    }

    @Test
    void shortAnswersUseThePassageAsReferenceAndNameWhatToCover() {
        List<QuestionDraft> shortAnswers = bank.questions().stream()
                .filter(q -> q.type() == QuestionType.SHORT_ANSWER)
                .toList();
        assertThat(shortAnswers).isNotEmpty().allSatisfy(q -> {
            assertThat(q.answer()).isEqualTo(q.passage().text());
            assertThat(q.keyTerms()).isNotEmpty();
        });
    }

    @Test
    void everyKeptQuestionPassesEveryRule() {
        List<QuestionDraft> others = new ArrayList<>(bank.questions());
        for (QuestionDraft q : bank.questions()) {
            assertThat(ValidationRule.firstFailed(q, others)).as(q.toString()).isNull();
        }
    }

    @Test
    void definitionsAndQuantitiesBecomeKeys() {
        assertThat(bank.questions())
                .extracting(q -> q.key().toLowerCase())
                .anySatisfy(key -> assertThat(key)
                        .isIn(
                                "mitochondrion",
                                "photosynthesis",
                                "gene",
                                "allele",
                                "chlorophyll",
                                "genotype",
                                "phenotype",
                                "cell membrane",
                                "nucleus",
                                "cytoplasm"));
    }

    @Test
    void aRewordingThatGivesTheAnswerAwayIsDroppedAndTheGeneratedWordingKept() {
        QuestionRephraser leaky = q -> q.type() == QuestionType.SHORT_ANSWER
                ? q.prompt() + " Mention " + String.join(", ", q.keyTerms()) + "."
                : q.prompt();
        GeneratedBank reworded = new QuestionGenerator(
                        SampleNotes.embeddingModel(), QuestionGenerator.Settings.DEFAULTS, leaky)
                .generate(chunks);
        assertThat(shortAnswerPrompts(reworded)).isEqualTo(shortAnswerPrompts(bank));
        assertThat(reworded.dropped().get(ValidationRule.ANSWER_NOT_IN_QUESTION.id()))
                .isGreaterThanOrEqualTo(shortAnswerPrompts(bank).size());
    }

    @Test
    void aFaithfulRewordingIsKept() {
        QuestionRephraser polite =
                q -> q.type() == QuestionType.SHORT_ANSWER ? "In your own words: " + q.prompt() : q.prompt();
        GeneratedBank reworded = new QuestionGenerator(
                        SampleNotes.embeddingModel(), QuestionGenerator.Settings.DEFAULTS, polite)
                .generate(chunks);
        assertThat(shortAnswerPrompts(reworded)).isNotEmpty().allMatch(p -> p.startsWith("In your own words: "));
    }

    private static List<String> shortAnswerPrompts(GeneratedBank generated) {
        return generated.questions().stream()
                .filter(q -> q.type() == QuestionType.SHORT_ANSWER)
                .map(QuestionDraft::prompt)
                .toList();
    }

    @Test
    void aTermOtherSentencesOfTheNotesAlsoMentionGetsNoShortAnswerItem() {
        List<String> notes = List.of(
                "Capillaries are microscopic vessels.",
                "Capillary walls are quite permeable.",
                "Earth-orbiting spacecraft are called satellites.",
                "Meteorologists use images from a satellite.",
                "Weather is the state of the atmosphere at one moment.",
                "The cell membrane is a bilayer.",
                "Proteins sit in the membrane of a cell.");
        var mentionedOnlyIn = QuestionGenerator.mentionedOnlyIn(notes);

        // another sentence speaks of it, in another inflection too: not answerable from one reference
        assertThat(mentionedOnlyIn.test("Capillaries", notes.get(0))).isFalse();
        assertThat(mentionedOnlyIn.test("satellites", notes.get(2))).isFalse();
        // mentioned by its own sentence only (the words of a phrase in a row, not merely both somewhere)
        assertThat(mentionedOnlyIn.test("Weather", notes.get(4))).isTrue();
        assertThat(mentionedOnlyIn.test("cell membrane", notes.get(5))).isTrue();
        assertThat(mentionedOnlyIn.test("capillary walls", notes.get(1))).isTrue();
    }

    @Test
    void defineIsAskedUnlessAnotherSentenceOpensWithTheTerm() {
        List<String> notes = List.of(
                "An invertebrate is an animal that has no spine.",
                "Invertebrates have no vertebrae.",
                "Weather is the state of the atmosphere at one moment.",
                "Storms change the weather.");
        var openedOnlyBy = QuestionGenerator.openedOnlyBy(notes);

        // another sentence is about invertebrates (its subject, in the plural): it may answer "Define invertebrate"
        assertThat(openedOnlyBy.test("invertebrate", notes.get(0))).isFalse();
        // a sentence that merely mentions the weather does not define it
        assertThat(openedOnlyBy.test("Weather", notes.get(2))).isTrue();
    }

    @Test
    void theSubjectOfASentenceIsTheWordsBeforeItsVerbAndNeverHalfAClause() {
        assertThat(QuestionGenerator.subjectOf("Capillary walls are quite permeable."))
                .isEqualTo("Capillary walls");
        assertThat(QuestionGenerator.subjectOf("Honey bees can sting only once."))
                .isEqualTo("Honey bees");
        // no linking verb early on: the opening words run into the predicate
        assertThat(QuestionGenerator.subjectOf("Pasteurization destroys the bacteria in milk that cause disease."))
                .isNull();
        // a heading run into its first line, a subordinate clause, punctuation
        assertThat(QuestionGenerator.subjectOf("Capillaries Capillaries are tiny vessels."))
                .isNull();
        assertThat(QuestionGenerator.subjectOf("Since mussels are filter feeders, they clean water."))
                .isNull();
        assertThat(QuestionGenerator.subjectOf("Lymph, a fluid, is rich in cells."))
                .isNull();
        assertThat(QuestionGenerator.subjectOf("The cell membrane is a bilayer."))
                .isEqualTo("cell membrane");
        assertThat(QuestionGenerator.subjectOf("All of them are small.")).isNull();
        // an instruction to the reader
        assertThat(QuestionGenerator.subjectOf("Notice that the velocity change is a vector."))
                .isNull();
    }
}
