package io.studilo.exam;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Every knob of exam-service ({@code studilo.exam.*}); defaults in application.yml. */
@Validated
@ConfigurationProperties("studilo.exam")
public record ExamProperties(
        @Valid @NotNull Generation generation,
        @Valid @NotNull Grading grading,
        @Valid @NotNull Rating rating,
        @Valid @NotNull Limits limits,
        @Valid @NotNull Messaging messaging,
        @Valid @NotNull Llm llm) {

    /** Question generation. */
    public record Generation(
            @Min(1) int maxPerSection,
            @Min(1) int minWords,
            @Min(5) int maxWords,
            @DecimalMin("0.5") @DecimalMax("1.0") double maxDistractorSimilarity) {}

    /** Short-answer grading (see {@code Grader.Settings}). */
    public record Grading(
            @DecimalMin("0") @DecimalMax("1") double passMark,
            @DecimalMin("0") @DecimalMax("1") double supportWeight,
            @DecimalMin("0.05") @DecimalMax("1") double fullCoverage,
            double similarityFloor,
            double similarityCeiling) {}

    /**
     * Elo-style ratings on the logit scale.
     *
     * @param priorTrueFalse starting difficulty of a true/false item (likewise for the other types)
     * @param abilityK step size of a student's ability update at their first attempt in a section
     * @param abilityDecay how fast the ability step shrinks with attempts: k / (1 + decay * attempts)
     * @param itemK step size of an item's difficulty update at its first attempt
     * @param itemDecay shrink of the item step with its attempts
     * @param targetSuccess predicted success probability the next item should be closest to
     * @param levelUpAfter consecutive correct answers that raise the level
     * @param levelDownAfter consecutive mistakes that lower it
     * @param settleDelta an ability change smaller than this counts as settled
     * @param settleAnswers consecutive settled answers that end a progressive exam early
     * @param minAnswers a progressive exam never ends early before this many answers
     */
    public record Rating(
            double priorTrueFalse,
            double priorMultipleChoice,
            double priorCloze,
            double priorShortAnswer,
            @DecimalMin("0.01") double abilityK,
            @DecimalMin("0") double abilityDecay,
            @DecimalMin("0.01") double itemK,
            @DecimalMin("0") double itemDecay,
            @DecimalMin("0.05") @DecimalMax("0.95") double targetSuccess,
            @Min(1) int levelUpAfter,
            @Min(1) int levelDownAfter,
            @DecimalMin("0") double settleDelta,
            @Min(1) int settleAnswers,
            @Min(1) int minAnswers) {}

    /** What a user may ask for. */
    public record Limits(
            @Min(1) int defaultQuestionCount,
            @Min(1) int maxQuestionCount,
            @Min(1) int maxDocumentIds,
            @Min(1) int maxSectionIds,
            @Min(1) int maxAnswerLength) {}

    /** RabbitMQ names and the outbox relay. */
    public record Messaging(
            @NotBlank String exchange,
            @NotBlank String documentReadyQueue,
            @NotBlank String documentDeletedQueue,
            @NotBlank String deadLetterSuffix,
            @NotNull Duration chunkVisibilityTimeout,
            @NotNull Duration relayInterval,
            @Min(1) int relayBatchSize,
            @NotNull Duration confirmTimeout) {}

    /** Optional LLM rephrasing (OpenAI-compatible); off while {@code baseUrl} is empty. */
    public record Llm(
            String baseUrl,
            String model,
            String apiKey,
            @NotNull Duration timeout) {

        public boolean enabled() {
            return baseUrl != null && !baseUrl.isBlank();
        }
    }
}
