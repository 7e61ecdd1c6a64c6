package io.studilo.exam.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.exam.ExamProperties;
import io.studilo.exam.question.Question;
import io.studilo.exam.question.QuestionType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EloTest {

    static final ExamProperties.Rating RATING =
            new ExamProperties.Rating(-1.0, -0.3, 0.4, 1.0, 0.8, 0.05, 0.4, 0.1, 0.7, 2, 2, 0.05, 4, 8);
    final Elo elo = new Elo(RATING);

    @Test
    void aCorrectAnswerRaisesAbilityAndLowersDifficulty() {
        Elo.Update update = elo.update(0, 0, 0.4, 0, 1);
        assertThat(update.ability()).isGreaterThan(0);
        assertThat(update.difficulty()).isLessThan(0.4);
        Elo.Update wrong = elo.update(0, 0, 0.4, 0, 0);
        assertThat(wrong.ability()).isLessThan(0);
        assertThat(wrong.difficulty()).isGreaterThan(0.4);
    }

    @Test
    void stepsShrinkAsAttemptsAccumulate() {
        double early = elo.update(0, 0, 0, 0, 1).abilityChange();
        double late = elo.update(0, 40, 0, 40, 1).abilityChange();
        assertThat(late).isPositive().isLessThan(early / 2);
    }

    @Test
    void anExpectedOutcomeBarelyMovesTheRating() {
        assertThat(elo.update(3, 0, -1, 0, 1).abilityChange()).isLessThan(0.02);
    }

    @Test
    void levelsClimbOnConsistentSuccessAndDropOnRepeatedMistakes() {
        Elo.Step step = new Elo.Step(1, 0);
        for (int i = 0; i < 6; i++) {
            step = elo.step(step.level(), step.streak(), true);
        }
        assertThat(step.level()).isEqualTo(4);
        step = elo.step(step.level(), step.streak(), false);
        assertThat(step.level()).isEqualTo(4);
        step = elo.step(step.level(), step.streak(), false);
        assertThat(step.level()).isEqualTo(3);
        step = elo.step(step.level(), step.streak(), true);
        assertThat(step).isEqualTo(new Elo.Step(3, 1));
    }

    @Test
    void masteryGrowsWithAbilityWithinZeroAndOne() {
        assertThat(elo.mastery(-5)).isBetween(0.0, 0.05);
        assertThat(elo.mastery(0)).isBetween(0.4, 0.6);
        assertThat(elo.mastery(5)).isBetween(0.95, 1.0);
    }

    @Test
    void aNewStudentStartsAtLevelOneAndAStrongOneHigher() {
        assertThat(elo.startLevel(0)).isEqualTo(1);
        assertThat(elo.startLevel(1)).isEqualTo(2);
        assertThat(elo.startLevel(5)).isEqualTo(4);
    }

    @Test
    void picksTheItemWhosePredictedSuccessIsNearestTheTarget() {
        UUID section = UUID.randomUUID();
        Question easy = question(section, -3);
        Question right = question(section, -0.85); // p = 0.70 at ability 0
        Question hard = question(section, 2);
        assertThat(elo.pick(List.of(easy, hard, right), Map.of(section, 0.0), Map.of()))
                .contains(right);
    }

    @Test
    void settlesOnlyAfterTheMinimumNumberOfAnswers() {
        assertThat(elo.settled(5, 5)).isFalse();
        assertThat(elo.settled(8, 4)).isTrue();
        assertThat(elo.isSmallChange(0.01)).isTrue();
    }

    static Question question(UUID section, double difficulty) {
        return new Question(
                UUID.randomUUID(),
                UUID.randomUUID(),
                section,
                "S",
                QuestionType.CLOZE,
                "p",
                List.of(),
                "a",
                "a",
                List.of("a"),
                "a",
                1,
                difficulty,
                0);
    }
}
