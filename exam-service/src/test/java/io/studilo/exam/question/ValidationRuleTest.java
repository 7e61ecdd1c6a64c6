package io.studilo.exam.question;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValidationRuleTest {

    static final String SENTENCE = "A mitochondrion is an organelle that produces energy for the cell.";
    static final Passage PASSAGE = new Passage(UUID.randomUUID(), UUID.randomUUID(), "Cells", 3, SENTENCE);

    static QuestionDraft mcq(String prompt, List<String> options, String answer) {
        return new QuestionDraft(
                QuestionType.MULTIPLE_CHOICE, prompt, options, answer, answer, null, List.of(answer), PASSAGE);
    }

    static final QuestionDraft GOOD_MCQ = mcq(
            "A mitochondrion is a(n) _____ that produces energy for the cell.",
            List.of("organelle", "enzyme", "membrane", "protein"),
            "organelle");

    static QuestionDraft cloze(String prompt, String key, Passage passage) {
        return new QuestionDraft(QuestionType.CLOZE, prompt, List.of(), key, key, null, List.of(key), passage);
    }

    static QuestionDraft trueFalse(String statement, String answer, String key, @Nullable String swapped) {
        return new QuestionDraft(
                QuestionType.TRUE_FALSE,
                statement,
                List.of("true", "false"),
                answer,
                key,
                swapped,
                List.of(key),
                PASSAGE);
    }

    static QuestionDraft shortAnswer(String prompt, List<String> keyTerms) {
        return new QuestionDraft(
                QuestionType.SHORT_ANSWER, prompt, List.of(), SENTENCE, "mitochondrion", null, keyTerms, PASSAGE);
    }

    @Test
    void aWellFormedItemPassesEveryRule() {
        assertThat(ValidationRule.firstFailed(GOOD_MCQ, List.of())).isNull();
    }

    @Nested
    class KeyInPassage {

        @Test
        void rejectsAKeyThePassageDoesNotState() {
            QuestionDraft q = cloze("A mitochondrion is an _____ that produces energy.", "enzyme", PASSAGE);
            assertThat(ValidationRule.KEY_IN_PASSAGE.accepts(q, List.of())).isFalse();
        }

        @Test
        void acceptsTheKeyUpToCaseAndInflection() {
            QuestionDraft q = cloze("A mitochondrion is an _____ that produces energy.", "Organelles", PASSAGE);
            assertThat(ValidationRule.KEY_IN_PASSAGE.accepts(q, List.of())).isTrue();
        }

        @Test
        void rejectsAShortAnswerWhoseKeyTermsAreNotInThePassage() {
            assertThat(ValidationRule.KEY_IN_PASSAGE.accepts(
                            shortAnswer("Define mitochondrion.", List.of("ATP")), List.of()))
                    .isFalse();
            assertThat(ValidationRule.KEY_IN_PASSAGE.accepts(
                            shortAnswer("Define mitochondrion.", List.of("organelle", "energy")), List.of()))
                    .isTrue();
        }
    }

    @Nested
    class NonTrivialKey {

        @Test
        void rejectsStopWordsAndBareNumbers() {
            Passage passage = new Passage(
                    UUID.randomUUID(), UUID.randomUUID(), "Cells", 1, "There are 46 chromosomes in the cell.");
            assertThat(ValidationRule.NON_TRIVIAL_KEY.accepts(
                            cloze("_____ are 46 chromosomes in the cell.", "There", passage), List.of()))
                    .isFalse();
            assertThat(ValidationRule.NON_TRIVIAL_KEY.accepts(
                            cloze("There are _____ chromosomes in the cell.", "46", passage), List.of()))
                    .isFalse();
            assertThat(ValidationRule.NON_TRIVIAL_KEY.accepts(
                            cloze("There are _____ in the cell.", "46 chromosomes", passage), List.of()))
                    .isTrue();
        }

        @Test
        void rejectsABlankOverHalfTheSentence() {
            Passage byline = new Passage(
                    UUID.randomUUID(), UUID.randomUUID(), "Title", 1, "Bruno Sorban, Mateus Junqueira December 2021");
            assertThat(ValidationRule.NON_TRIVIAL_KEY.accepts(
                            cloze("_____", "Bruno Sorban, Mateus Junqueira December 2021", byline), List.of()))
                    .isFalse();
        }
    }

    @Nested
    class FalseStatementIsFalse {

        @Test
        void rejectsASwapThatTheNotesAlsoSupport() {
            QuestionDraft q = trueFalse(
                    "A mitochondrion is an cell that produces energy for the cell.", "false", "organelle", "cell");
            assertThat(ValidationRule.FALSE_STATEMENT_IS_FALSE.accepts(q, List.of()))
                    .isFalse();
        }

        @Test
        void acceptsAGenuineSwap() {
            QuestionDraft q = trueFalse(
                    "A mitochondrion is an enzyme that produces energy for the cell.", "false", "organelle", "enzyme");
            assertThat(ValidationRule.FALSE_STATEMENT_IS_FALSE.accepts(q, List.of()))
                    .isTrue();
        }

        @Test
        void rejectsAFalseStatementThatIsThePassage() {
            QuestionDraft q = trueFalse(SENTENCE, "false", "organelle", "enzyme");
            assertThat(ValidationRule.FALSE_STATEMENT_IS_FALSE.accepts(q, List.of()))
                    .isFalse();
        }
    }

    @Nested
    class SingleCorrectOption {

        @Test
        void rejectsNoOrTwoCorrectOptions() {
            QuestionDraft none = mcq(GOOD_MCQ.prompt(), List.of("enzyme", "membrane", "protein", "sugar"), "organelle");
            QuestionDraft two =
                    mcq(GOOD_MCQ.prompt(), List.of("organelle", "Organelle ", "membrane", "protein"), "organelle");
            assertThat(ValidationRule.SINGLE_CORRECT_OPTION.accepts(none, List.of()))
                    .isFalse();
            assertThat(ValidationRule.SINGLE_CORRECT_OPTION.accepts(two, List.of()))
                    .isFalse();
        }

        @Test
        void rejectsADistractorThePassageAlsoStates() {
            QuestionDraft q =
                    mcq(GOOD_MCQ.prompt(), List.of("organelle", "energy", "membrane", "protein"), "organelle");
            assertThat(ValidationRule.SINGLE_CORRECT_OPTION.accepts(q, List.of()))
                    .isFalse();
        }
    }

    @Nested
    class DistinctOptions {

        @Test
        void rejectsPluralsTyposAndNestedOptions() {
            assertThat(ValidationRule.DISTINCT_OPTIONS.accepts(
                            mcq(GOOD_MCQ.prompt(), List.of("organelle", "enzyme", "enzymes", "protein"), "organelle"),
                            List.of()))
                    .isFalse();
            assertThat(ValidationRule.DISTINCT_OPTIONS.accepts(
                            mcq(GOOD_MCQ.prompt(), List.of("organelle", "protein", "protien", "enzyme"), "organelle"),
                            List.of()))
                    .isFalse();
            assertThat(ValidationRule.DISTINCT_OPTIONS.accepts(
                            mcq(GOOD_MCQ.prompt(), List.of("organelle", "cell wall", "wall", "enzyme"), "organelle"),
                            List.of()))
                    .isFalse();
            assertThat(ValidationRule.DISTINCT_OPTIONS.accepts(GOOD_MCQ, List.of()))
                    .isTrue();
        }
    }

    @Nested
    class NoGiveawayOption {

        @Test
        void rejectsACorrectOptionMuchLongerThanTheOthers() {
            QuestionDraft q = mcq(
                    "A mitochondrion is an _____.",
                    List.of("organelle that produces energy for the cell", "gene", "leaf", "root"),
                    "organelle that produces energy for the cell");
            assertThat(ValidationRule.NO_GIVEAWAY_OPTION.accepts(q, List.of())).isFalse();
        }

        @Test
        void rejectsTheOnlyPluralOption() {
            QuestionDraft q =
                    mcq(GOOD_MCQ.prompt(), List.of("organelles", "enzyme", "membrane", "protein"), "organelles");
            assertThat(ValidationRule.NO_GIVEAWAY_OPTION.accepts(q, List.of())).isFalse();
        }

        @Test
        void rejectsAnArticleThatFitsOnlyTheKey() {
            QuestionDraft q = mcq(
                    "A mitochondrion is an _____ that produces energy for the cell.",
                    List.of("organelle", "enzyme", "membrane", "protein"),
                    "organelle");
            assertThat(ValidationRule.NO_GIVEAWAY_OPTION.accepts(q, List.of())).isFalse();
            assertThat(ValidationRule.NO_GIVEAWAY_OPTION.accepts(
                            q.withPrompt("A mitochondrion is a(n) _____ that produces energy for the cell."),
                            List.of()))
                    .isTrue();
        }
    }

    @Nested
    class AnswerNotInQuestion {

        @Test
        void rejectsABlankWhoseAnswerStillShows() {
            QuestionDraft q =
                    cloze("An organelle: a mitochondrion is an _____ that produces energy.", "organelle", PASSAGE);
            assertThat(ValidationRule.ANSWER_NOT_IN_QUESTION.accepts(q, List.of()))
                    .isFalse();
        }

        @Test
        void rejectsAShortAnswerPromptThatGivesAwayMostKeyTerms() {
            QuestionDraft q =
                    shortAnswer("Why does the organelle produce energy?", List.of("organelle", "energy", "cell"));
            assertThat(ValidationRule.ANSWER_NOT_IN_QUESTION.accepts(q, List.of()))
                    .isFalse();
            assertThat(ValidationRule.ANSWER_NOT_IN_QUESTION.accepts(
                            shortAnswer("Define mitochondrion.", List.of("organelle", "energy", "cell")), List.of()))
                    .isTrue();
        }
    }

    @Nested
    class NoNearDuplicate {

        @Test
        void rejectsAQuestionNearlyTheSameAsOneInTheBank() {
            QuestionDraft again = mcq(
                    "The mitochondrion is an _____ that produces energy for cells.",
                    List.of("organelle", "enzyme", "membrane", "protein"),
                    "organelle");
            assertThat(ValidationRule.NO_NEAR_DUPLICATE.accepts(again, List.of(GOOD_MCQ)))
                    .isFalse();
            assertThat(ValidationRule.NO_NEAR_DUPLICATE.accepts(again, List.of()))
                    .isTrue();
        }
    }
}
