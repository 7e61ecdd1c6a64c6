package io.studilo.planner.fsrs;

import java.util.List;

/**
 * FSRS-6 (Free Spaced Repetition Scheduler, version 6) written from the published formulas. Times are in days;
 * grades G are 1 (Again) to 4 (Easy); w0..w20 are the 21 model parameters.
 *
 * <ul>
 *   <li>Forgetting curve: {@code R(t, S) = (1 + factor * t / S)^(-w20)}, {@code factor = 0.9^(-1/w20) - 1}, so
 *       that {@code R(S, S) = 0.9}.
 *   <li>First review: {@code S0(G) = w[G-1]}, {@code D0(G) = w4 - e^(w5 (G-1)) + 1} (clamped to 1..10).
 *   <li>Difficulty: {@code D' = D - w6 (G-3) (10-D)/9} (linear damping), then mean reversion {@code D'' = w7 D0(4) +
 *       (1-w7) D'} with the unclamped {@code D0(4)}, clamped to 1..10.
 *   <li>Recall (G >= 2, a day or more later): {@code S' = S (1 + e^w8 (11-D) S^-w9 (e^(w10 (1-R)) - 1) h b)}, {@code
 *       h = w15} for Hard, {@code b = w16} for Easy, else 1.
 *   <li>Forgetting (G = 1, a day or more later): {@code S' = min(w11 D^-w12 ((S+1)^w13 - 1) e^(w14 (1-R)), S /
 *       e^(w17 w18))}.
 *   <li>Same day (less than a day later): {@code S' = S e^(w17 (G-3+w18)) S^-w19}, never below S for Good and
 *       Easy.
 *   <li>Next interval for desired retention r: {@code I = S / factor (r^(-1/w20) - 1)}.
 * </ul>
 *
 * Stability and difficulty updates both use the difficulty before the review.
 */
public final class Fsrs {

    /** The published FSRS-6 default parameters w0..w20. */
    public static final List<Double> DEFAULT_PARAMETERS = List.of(
            0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
            1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542);

    static final double MIN_STABILITY = 0.001;
    static final double MIN_DIFFICULTY = 1;
    static final double MAX_DIFFICULTY = 10;

    private final double[] w;
    private final double factor;
    private final double desiredRetention;
    private final int maximumIntervalDays;

    public Fsrs(List<Double> parameters, double desiredRetention, int maximumIntervalDays) {
        if (parameters.size() != 21) {
            throw new IllegalArgumentException("FSRS-6 needs 21 parameters, got " + parameters.size());
        }
        if (!(desiredRetention > 0 && desiredRetention < 1)) {
            throw new IllegalArgumentException("desired retention must be in (0, 1)");
        }
        this.w = parameters.stream().mapToDouble(Double::doubleValue).toArray();
        this.factor = Math.pow(0.9, -1 / w[20]) - 1;
        this.desiredRetention = desiredRetention;
        this.maximumIntervalDays = Math.max(1, maximumIntervalDays);
    }

    /** Default parameters, desired retention 0.9, intervals up to 100 years. */
    public static Fsrs withDefaults() {
        return new Fsrs(DEFAULT_PARAMETERS, 0.9, 36_500);
    }

    public double desiredRetention() {
        return desiredRetention;
    }

    /** Probability of recall {@code elapsedDays} after the last review. */
    public double retrievability(double elapsedDays, double stability) {
        return Math.pow(1 + factor * Math.max(0, elapsedDays) / stability, -w[20]);
    }

    public double initialStability(Rating rating) {
        return Math.max(w[rating.grade() - 1], MIN_STABILITY);
    }

    public double initialDifficulty(Rating rating) {
        return clampDifficulty(rawInitialDifficulty(rating));
    }

    private double rawInitialDifficulty(Rating rating) {
        return w[4] - Math.exp(w[5] * (rating.grade() - 1)) + 1;
    }

    public double nextDifficulty(double difficulty, Rating rating) {
        double delta = -w[6] * (rating.grade() - 3);
        double damped = difficulty + delta * (10 - difficulty) / 9;
        double reverted = w[7] * rawInitialDifficulty(Rating.EASY) + (1 - w[7]) * damped;
        return clampDifficulty(reverted);
    }

    /** Stability after a successful review (Hard, Good or Easy) at retrievability {@code r}. */
    public double stabilityAfterRecall(double difficulty, double stability, double r, Rating rating) {
        if (rating == Rating.AGAIN) {
            throw new IllegalArgumentException("Again is a lapse: use stabilityAfterForgetting");
        }
        double hardPenalty = rating == Rating.HARD ? w[15] : 1;
        double easyBonus = rating == Rating.EASY ? w[16] : 1;
        double increase = Math.exp(w[8])
                * (11 - difficulty)
                * Math.pow(stability, -w[9])
                * (Math.exp(w[10] * (1 - r)) - 1)
                * hardPenalty
                * easyBonus;
        return stability * (1 + increase);
    }

    /** Stability after a lapse (Again) at retrievability {@code r}. */
    public double stabilityAfterForgetting(double difficulty, double stability, double r) {
        double longTerm =
                w[11] * Math.pow(difficulty, -w[12]) * (Math.pow(stability + 1, w[13]) - 1) * Math.exp(w[14] * (1 - r));
        double shortTermCap = stability / Math.exp(w[17] * w[18]);
        return Math.min(longTerm, shortTermCap);
    }

    /** Stability after a second review on the same day. */
    public double shortTermStability(double stability, Rating rating) {
        double increase = Math.exp(w[17] * (rating.grade() - 3 + w[18])) * Math.pow(stability, -w[19]);
        if (rating.grade() >= Rating.GOOD.grade()) {
            increase = Math.max(increase, 1);
        }
        return stability * increase;
    }

    /** The memory state after the very first review. */
    public MemoryState first(Rating rating) {
        return new MemoryState(initialStability(rating), initialDifficulty(rating));
    }

    /** The memory state after a review {@code elapsedDays} after the previous one. */
    public MemoryState review(MemoryState state, double elapsedDays, Rating rating) {
        double s = state.stability();
        double d = state.difficulty();
        double next;
        if (elapsedDays < 1) {
            next = shortTermStability(s, rating);
        } else {
            double r = retrievability(elapsedDays, s);
            next = rating == Rating.AGAIN ? stabilityAfterForgetting(d, s, r) : stabilityAfterRecall(d, s, r, rating);
        }
        return new MemoryState(Math.max(next, MIN_STABILITY), nextDifficulty(d, rating));
    }

    /** The exact interval (days) after which retrievability falls to the desired retention. */
    public double interval(double stability) {
        return stability / factor * (Math.pow(desiredRetention, -1 / w[20]) - 1);
    }

    /** The interval in whole days: rounded, at least one day, at most the maximum interval. */
    public int nextIntervalDays(double stability) {
        long days = Math.round(interval(stability));
        return (int) Math.max(1, Math.min(maximumIntervalDays, days));
    }

    private static double clampDifficulty(double difficulty) {
        return Math.min(MAX_DIFFICULTY, Math.max(MIN_DIFFICULTY, difficulty));
    }
}
