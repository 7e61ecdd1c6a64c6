package io.studilo.planner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every knob of the planner. Defaults live in {@code application.yml}; see there for what each one means in
 * practice.
 */
@Validated
@ConfigurationProperties("studilo.planner")
public record PlannerProperties(
        @Valid @NotNull Estimate estimate,
        @Valid @NotNull Limits limits,
        @Valid @NotNull Schedule schedule,
        @Valid @NotNull Fsrs fsrs,
        @Valid @NotNull Grading grading,
        @Valid @NotNull Messaging messaging) {

    /**
     * How long a section takes to learn: {@code words / wordsPerMinute + equations * minutesPerEquation + pages *
     * minutesPerPage}, rounded up, at least {@code minimumMinutes}.
     */
    public record Estimate(
            @DecimalMin("1") double wordsPerMinute,
            @DecimalMin("0") double minutesPerEquation,
            @DecimalMin("0") double minutesPerPage,
            @Min(1) int minimumMinutes) {}

    /** Limits on what a student controls ({@code maxPlansPerOwner} counts plans whose exam is still ahead). */
    public record Limits(
            @Min(1) int minDailyMinutes,
            @Min(1) int maxDailyMinutes,
            @Min(1) int maxHorizonDays,
            @Min(1) int maxDocumentIds,
            @Min(1) int maxSectionsPerPlan,
            @Min(1) int maxPlansPerOwner) {}

    /**
     * How sessions are laid out.
     *
     * @param bufferFraction share of the study days kept free of new material before the exam
     * @param maxBufferDays the buffer never grows beyond this
     * @param learnShare share of the daily budget new material takes when there is room to spare (the rest is
     *     for reviews and practice exams)
     * @param minSessionMinutes shortest learning session worth starting
     * @param reviewFraction a review lasts this share of the section's learning time ...
     * @param minReviewMinutes ... but at least this ...
     * @param maxReviewMinutes ... and at most this
     * @param practiceExamMinutes length of a practice exam
     * @param minPracticeExamMinutes shortest practice exam worth scheduling in what is left of a day
     * @param practiceExamEveryDays one practice exam every so many days before the buffer (every day inside it)
     */
    public record Schedule(
            @DecimalMin("0") @DecimalMax("0.5") double bufferFraction,
            @Min(0) int maxBufferDays,
            @DecimalMin("0.1") @DecimalMax("1") double learnShare,
            @Min(1) int minSessionMinutes,
            @DecimalMin("0") double reviewFraction,
            @Min(1) int minReviewMinutes,
            @Min(1) int maxReviewMinutes,
            @Min(1) int practiceExamMinutes,
            @Min(1) int minPracticeExamMinutes,
            @Min(1) int practiceExamEveryDays) {}

    /**
     * FSRS-6.
     *
     * @param desiredRetention probability of recall a review is scheduled at
     * @param maximumIntervalDays longest interval between two reviews
     * @param parameters w0..w20; empty for the published defaults
     */
    public record Fsrs(
            @DecimalMin("0.7") @DecimalMax("0.99") double desiredRetention,
            @Min(1) int maximumIntervalDays,
            @Nullable @Size(max = 21) List<Double> parameters) {

        public Fsrs {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }

    /**
     * Exam score (0..1) to FSRS rating: below {@code again} is Again, below {@code hard} Hard, below {@code good}
     * Good, else Easy.
     */
    public record Grading(
            @DecimalMin("0") @DecimalMax("1") double again,
            @DecimalMin("0") @DecimalMax("1") double hard,
            @DecimalMin("0") @DecimalMax("1") double good) {}

    /**
     * Queue names (bound to {@code exchange} with the routing keys from the contracts).
     *
     * @param eventRetention how long handled event ids are remembered (far longer than any redelivery)
     */
    public record Messaging(
            @NotBlank String exchange,
            @NotBlank String documentReadyQueue,
            @NotBlank String documentDeletedQueue,
            @NotBlank String examGradedQueue,
            @NotBlank String deadLetterSuffix,
            @NotNull Duration eventRetention) {}
}
