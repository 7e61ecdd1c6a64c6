package io.studilo.common.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Published by exam-service when an exam ends: per-section results the planner re-plans from. */
public record ExamGraded(UUID eventId, UUID ownerId, UUID examId, List<SectionResult> sections, Instant occurredAt) {

    /**
     * @param score mean score of the section's answers, 0..1
     * @param mastery the section's mastery after this exam, 0..1
     */
    public record SectionResult(
            UUID sectionId, UUID documentId, int answered, int correct, double score, double mastery) {}
}
