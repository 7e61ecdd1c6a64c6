package io.studilo.planner.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A plan as API.md describes it (extended with its settings and per-section progress). */
record PlanResponse(
        UUID id,
        LocalDate examDate,
        LocalDate startDate,
        int dailyMinutes,
        String timeZone,
        List<UUID> documentIds,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        List<SessionResponse> sessions,
        List<SectionProgress> sections) {

    record SessionResponse(
            UUID id,
            LocalDate date,
            int minutes,
            SessionKind kind,
            @Nullable UUID sectionId,
            String title,
            boolean done) {}

    static PlanResponse of(Plan plan, List<SectionProgress> sections) {
        return new PlanResponse(
                plan.id(),
                plan.examDate(),
                plan.startDate(),
                plan.dailyMinutes(),
                plan.timeZone().getId(),
                plan.documentIds(),
                plan.revision(),
                plan.createdAt(),
                plan.updatedAt(),
                plan.sessions().stream()
                        .map(s -> new SessionResponse(
                                s.id(), s.day(), s.minutes(), s.kind(), s.sectionId(), s.title(), s.done()))
                        .toList(),
                sections);
    }
}
