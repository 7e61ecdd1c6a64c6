package io.studilo.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.planner.PlannerProperties;
import io.studilo.planner.fsrs.Rating;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExamRatingTest {

    static final PlannerProperties.Grading DEFAULTS = new PlannerProperties.Grading(0.5, 0.7, 0.9);

    @ParameterizedTest
    @CsvSource({
        "0.0, AGAIN",
        "0.49, AGAIN",
        "0.5, HARD",
        "0.69, HARD",
        "0.7, GOOD",
        "0.89, GOOD",
        "0.9, EASY",
        "1.0, EASY"
    })
    void mapsExamScoresToFsrsRatingsByTheConfiguredThresholds(double score, Rating expected) {
        assertThat(PlanService.rating(DEFAULTS, score)).isEqualTo(expected);
    }
}
