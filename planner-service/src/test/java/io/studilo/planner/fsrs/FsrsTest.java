package io.studilo.planner.fsrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * FSRS-6 against reference values worked out by hand from the published formulas with the default parameters
 * w = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614,
 * 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]. Each test shows its arithmetic.
 */
class FsrsTest {

    private static final double EPS = 1e-6;
    private final Fsrs fsrs = Fsrs.withDefaults();

    @Nested
    class ForgettingCurve {

        @Test
        void retrievabilityIsNinetyPercentAfterOneStability() {
            // factor = 0.9^(-1/w20) - 1 = 0.9^(-6.48508) - 1 = 1.980346 - 1 = 0.980346
            // R(S, S) = (1 + factor)^(-w20) = 0.9^((-1/w20) * (-w20)) = 0.9 for every S
            assertThat(fsrs.retrievability(5, 5)).isCloseTo(0.9, within(EPS));
            assertThat(fsrs.retrievability(123.4, 123.4)).isCloseTo(0.9, within(EPS));
            assertThat(fsrs.retrievability(0, 3)).isCloseTo(1.0, within(EPS));
        }

        @Test
        void retrievabilityFollowsThePowerCurve() {
            // R(10, 5) = (1 + 0.980346 * 10 / 5)^(-0.1542) = 2.960693^(-0.1542) = e^(-0.1542 * 1.085423) = 0.845885
            assertThat(fsrs.retrievability(10, 5)).isCloseTo(0.8458846, within(EPS));
            // R(1, 0.212) = (1 + 0.980346 / 0.212)^(-0.1542) = 5.624276^(-0.1542) = 0.766196
            assertThat(fsrs.retrievability(1, 0.212)).isCloseTo(0.7661957, within(EPS));
        }

        @Test
        void intervalInvertsTheCurveAtTheDesiredRetention() {
            // I(S, 0.9) = S / factor * (0.9^(-1/w20) - 1) = S / factor * factor = S
            assertThat(fsrs.interval(10)).isCloseTo(10, within(EPS));
            assertThat(fsrs.nextIntervalDays(2.3065)).isEqualTo(2);
            // I(10, 0.8) = 10 / 0.980346 * (0.8^(-6.48508) - 1) = 10.200478 * (4.250822 - 1) = 33.159598
            Fsrs lower = new Fsrs(Fsrs.DEFAULT_PARAMETERS, 0.8, 36_500);
            assertThat(lower.interval(10)).isCloseTo(33.1595979, within(EPS));
            assertThat(lower.nextIntervalDays(10)).isEqualTo(33);
        }

        @Test
        void intervalIsAtLeastOneDayAndAtMostTheMaximum() {
            assertThat(fsrs.nextIntervalDays(0.212)).isEqualTo(1);
            Fsrs capped = new Fsrs(Fsrs.DEFAULT_PARAMETERS, 0.9, 30);
            assertThat(capped.nextIntervalDays(400)).isEqualTo(30);
        }
    }

    @Nested
    class FirstReview {

        @Test
        void initialStabilityIsTheRatingsWeight() {
            // S0(G) = w[G-1]
            assertThat(fsrs.first(Rating.AGAIN).stability()).isEqualTo(0.212);
            assertThat(fsrs.first(Rating.HARD).stability()).isEqualTo(1.2931);
            assertThat(fsrs.first(Rating.GOOD).stability()).isEqualTo(2.3065);
            assertThat(fsrs.first(Rating.EASY).stability()).isEqualTo(8.2956);
        }

        @Test
        void initialDifficultyIsExponentialInTheGradeAndClamped() {
            // D0(G) = w4 - e^(w5 (G-1)) + 1
            // G=1: 6.4133 - e^0 + 1 = 6.4133
            // G=2: 6.4133 - e^0.8334 + 1 = 6.4133 - 2.301129 + 1 = 5.112171
            // G=3: 6.4133 - e^1.6668 + 1 = 6.4133 - 5.295196 + 1 = 2.118104
            // G=4: 6.4133 - e^2.5002 + 1 = 6.4133 - 12.184931 + 1 = -4.771631 -> clamped to 1
            assertThat(fsrs.initialDifficulty(Rating.AGAIN)).isCloseTo(6.4133, within(EPS));
            assertThat(fsrs.initialDifficulty(Rating.HARD)).isCloseTo(5.1121707, within(EPS));
            assertThat(fsrs.initialDifficulty(Rating.GOOD)).isCloseTo(2.1181040, within(EPS));
            assertThat(fsrs.initialDifficulty(Rating.EASY)).isEqualTo(1.0);
        }
    }

    @Nested
    class Difficulty {

        @Test
        void goodOnlyRevertsTowardsTheUnclampedEasyDifficulty() {
            // delta = -w6 (3-3) = 0, D' = D = 2.118104
            // D'' = w7 * D0(4) + (1 - w7) * D' = 0.001 * (-4.771631) + 0.999 * 2.118104 = 2.111214
            assertThat(fsrs.nextDifficulty(2.118103970459015, Rating.GOOD)).isCloseTo(2.1112142, within(EPS));
        }

        @Test
        void againRaisesDifficultyWithLinearDamping() {
            // delta = -3.0194 * (1-3) = 6.0388; D' = 5 + 6.0388 * (10-5)/9 = 8.354889
            // D'' = 0.001 * (-4.771631) + 0.999 * 8.354889 = 8.341762
            assertThat(fsrs.nextDifficulty(5, Rating.AGAIN)).isCloseTo(8.3417624, within(EPS));
        }

        @Test
        void easyLowersDifficulty() {
            // delta = -3.0194; D' = 5 - 3.0194 * 5/9 = 3.322556; D'' = -0.004772 + 0.999 * 3.322556 = 3.314461
            assertThat(fsrs.nextDifficulty(5, Rating.EASY)).isCloseTo(3.3144614, within(EPS));
            assertThat(fsrs.nextDifficulty(1, Rating.EASY)).isEqualTo(1.0);
        }
    }

    @Nested
    class Stability {

        @Test
        void recallGrowsStabilityMoreTheLessLikelyRecallWas() {
            // S = 2.3065, D = 2.118104, t = 2: R = (1 + 0.980346 * 2 / 2.3065)^(-0.1542) = 0.909493
            // SInc = e^w8 (11-D) S^-w9 (e^(w10 (1-R)) - 1)
            //      = 6.502575 * 8.881896 * 0.869773 * (e^(0.796 * 0.090507) - 1) = 50.234 * 0.074722 = 3.753667
            // Good: S' = 2.3065 * (1 + 3.753667) = 10.964332
            // Hard: S' = 2.3065 * (1 + 3.753667 * w15=0.6014) = 7.513320
            // Easy: S' = 2.3065 * (1 + 3.753667 * w16=1.8729) = 18.521754
            double d = 2.118103970459015;
            double r = fsrs.retrievability(2, 2.3065);
            assertThat(r).isCloseTo(0.9094933, within(EPS));
            assertThat(fsrs.stabilityAfterRecall(d, 2.3065, r, Rating.GOOD)).isCloseTo(10.9643323, within(1e-5));
            assertThat(fsrs.stabilityAfterRecall(d, 2.3065, r, Rating.HARD)).isCloseTo(7.5133204, within(1e-5));
            assertThat(fsrs.stabilityAfterRecall(d, 2.3065, r, Rating.EASY)).isCloseTo(18.5217542, within(1e-5));
        }

        @Test
        void forgettingTakesTheSmallerOfTheLongTermFormulaAndTheShortTermCap() {
            // S = 10, D = 5, t = 10 -> R = 0.9
            // long term = w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R))
            //           = 1.4835 * 5^-0.0614 * (11^0.2629 - 1) * e^(0.16483) = 1.4835 * 0.906 * 0.87777 * 1.17919
            //           = 1.391987
            // cap = S / e^(w17 w18) = 10 / e^0.049476 = 9.517280 -> S' = 1.391987
            assertThat(fsrs.stabilityAfterForgetting(5, 10, 0.9)).isCloseTo(1.3919870, within(1e-6));
            // S = 0.5, D = 5, R = R(3, 0.5) = 0.742717: long term = 0.231016, cap = 0.5 / 1.050721 = 0.475864
            double r = fsrs.retrievability(3, 0.5);
            assertThat(fsrs.stabilityAfterForgetting(5, 0.5, r)).isCloseTo(0.2310164, within(1e-6));
        }

        @Test
        void sameDayReviewsUseTheShortTermFormula() {
            // S' = S e^(w17 (G-3+w18)) S^-w19, S = 2.3065 -> S^-w19 = 2.3065^-0.0658 = 0.946535
            // Again: e^(0.5425 * -1.9088) * 0.946535 = 0.336043 -> 0.775084
            // Good:  e^(0.5425 * 0.0912) * 0.946535 = 0.994520 -> raised to 1 (Good never lowers S) -> 2.3065
            // Easy:  e^(0.5425 * 1.0912) * 0.946535 = 1.710841 -> 3.946054
            MemoryState learned = fsrs.first(Rating.GOOD);
            assertThat(fsrs.review(learned, 0, Rating.AGAIN).stability()).isCloseTo(0.7750840, within(EPS));
            assertThat(fsrs.review(learned, 0, Rating.GOOD).stability()).isCloseTo(2.3065, within(EPS));
            assertThat(fsrs.review(learned, 0, Rating.EASY).stability()).isCloseTo(3.9460541, within(EPS));
        }
    }

    @Nested
    class Review {

        @Test
        void aReviewUsesThePreviousDifficultyForStabilityAndThenUpdatesDifficulty() {
            // First Good: S = 2.3065, D = 2.118104; Good after 2 days: S = 10.964332 (see above),
            // D = 2.111214 (mean reversion only)
            MemoryState next = fsrs.review(fsrs.first(Rating.GOOD), 2, Rating.GOOD);
            assertThat(next.stability()).isCloseTo(10.9643323, within(1e-5));
            assertThat(next.difficulty()).isCloseTo(2.1112142, within(EPS));
        }

        @Test
        void aLapseShortensTheNextInterval() {
            MemoryState state = new MemoryState(10, 5);
            MemoryState lapsed = fsrs.review(state, 10, Rating.AGAIN);
            MemoryState recalled = fsrs.review(state, 10, Rating.GOOD);
            assertThat(fsrs.nextIntervalDays(lapsed.stability())).isEqualTo(1);
            assertThat(fsrs.nextIntervalDays(recalled.stability())).isGreaterThan(10);
        }

        @Test
        void rejectsParameterListsOfTheWrongSize() {
            assertThatThrownBy(() -> new Fsrs(List.of(1.0, 2.0), 0.9, 100))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
