package io.studilo.exam.grading;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.exam.question.QuestionType;
import io.studilo.exam.support.SampleNotes;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GraderTest {

    static final Grader GRADER = new Grader(SampleNotes.embeddingModel(), Grader.Settings.DEFAULTS);

    static Gradable cloze(String expected) {
        return new Gradable(
                QuestionType.CLOZE, "The _____ stores the genetic material.", expected, List.of(expected), "x");
    }

    @Nested
    class Exact {

        @Test
        void trueFalseAcceptsOnlyTheRightValue() {
            Gradable item =
                    new Gradable(QuestionType.TRUE_FALSE, "Leaves are red.", "false", List.of(), "Leaves are green.");
            assertThat(GRADER.grade(item, "False").correct()).isTrue();
            assertThat(GRADER.grade(item, "true").correct()).isFalse();
            assertThat(GRADER.grade(item, "true").feedback()).contains("Leaves are green.");
        }

        @Test
        void multipleChoiceMustBeTheOption() {
            Gradable item = new Gradable(QuestionType.MULTIPLE_CHOICE, "p", "organelle", List.of(), "x");
            assertThat(GRADER.grade(item, " Organelle ").score()).isEqualTo(1.0);
            assertThat(GRADER.grade(item, "organelles").correct()).isFalse();
        }
    }

    @Nested
    class Cloze {

        @ParameterizedTest
        @ValueSource(strings = {"nucleus", "Nucleus", "the nucleus", "nuclues", "nucleuss", "NUCLEUS."})
        void toleratesCaseArticlesAndSmallTypos(String answer) {
            assertThat(GRADER.grade(cloze("nucleus"), answer).correct())
                    .as(answer)
                    .isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Mitochondria", "mitochondrion", "Mitochondrion's"})
        void toleratesInflection(String answer) {
            assertThat(Grader.clozeMatches("mitochondrion", answer) || Grader.clozeMatches("mitochondria", answer))
                    .as(answer)
                    .isTrue();
        }

        @Test
        void toleratesAccentsAndPlurals() {
            assertThat(GRADER.grade(cloze("café"), "cafe").correct()).isTrue();
            assertThat(GRADER.grade(cloze("chromosomes"), "chromosome").correct())
                    .isTrue();
            assertThat(GRADER.grade(cloze("37 °C"), "37°C").correct()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ribosome", "cell", "nucleolus membrane", "", "46"})
        void rejectsOtherWords(String answer) {
            assertThat(GRADER.grade(cloze("nucleus"), answer).correct())
                    .as(answer)
                    .isFalse();
        }

        @Test
        void numbersMustMatchExactly() {
            assertThat(GRADER.grade(cloze("46 chromosomes"), "47 chromosomes").correct())
                    .isFalse();
        }
    }

    @Nested
    class ShortAnswer {

        static final String PASSAGE = "A mitochondrion is an organelle that produces energy for the cell.";
        static final Gradable ITEM = new Gradable(
                QuestionType.SHORT_ANSWER,
                "Define mitochondrion, as your notes do.",
                PASSAGE,
                List.of("organelle", "produces", "energy", "cell"),
                PASSAGE);

        @Test
        void aFaithfulAnswerScoresHigh() {
            Grade grade = GRADER.grade(ITEM, "It is the organelle that makes energy for cells.");
            assertThat(grade.correct()).isTrue();
            assertThat(grade.score()).isGreaterThanOrEqualTo(0.8);
        }

        @Test
        void aWrongAnswerScoresLowAndSaysWhatIsMissing() {
            Grade grade = GRADER.grade(ITEM, "A protein that copies DNA in the nucleus.");
            assertThat(grade.correct()).isFalse();
            assertThat(grade.score()).isLessThan(0.4);
            assertThat(grade.feedback())
                    .contains("Missing: ")
                    .contains("organelle")
                    .contains(PASSAGE);
        }

        @Test
        void echoingTheQuestionEarnsAlmostNothing() {
            Grade grade = GRADER.grade(ITEM, "The mitochondrion.");
            assertThat(grade.score()).isLessThanOrEqualTo(0.2);
            assertThat(grade.feedback()).contains("repeats the question");
        }

        @Test
        void aPartialAnswerGetsPartialCreditNamingTheGap() {
            Grade grade = GRADER.grade(ITEM, "An organelle.");
            assertThat(grade.score()).isBetween(0.6, 1.0);
            assertThat(grade.feedback()).contains("energy");
        }

        @Test
        void anEmptyAnswerScoresZero() {
            assertThat(GRADER.grade(ITEM, "  ").score()).isZero();
        }
    }
}
