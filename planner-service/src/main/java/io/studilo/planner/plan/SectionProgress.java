package io.studilo.planner.plan;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where the student stands on one section of a plan.
 *
 * @param learnMinutes estimated minutes to learn it
 * @param learnedMinutes minutes of LEARN sessions done
 * @param mastery from the last exam (0..1), null before any exam
 * @param stability FSRS stability in days, null before any review
 * @param nextReview when FSRS wants the next review
 */
record SectionProgress(
        UUID sectionId,
        UUID documentId,
        String title,
        int learnMinutes,
        int learnedMinutes,
        @Nullable Double mastery,
        @Nullable Double stability,
        @Nullable Double difficulty,
        @Nullable LocalDate lastReview,
        @Nullable LocalDate nextReview) {}
