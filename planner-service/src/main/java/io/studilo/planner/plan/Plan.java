package io.studilo.planner.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored plan and its sessions. */
record Plan(
        UUID id,
        UUID ownerId,
        LocalDate examDate,
        int dailyMinutes,
        LocalDate startDate,
        ZoneId timeZone,
        List<UUID> documentIds,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        List<Session> sessions) {

    record Session(
            UUID id,
            int position,
            LocalDate day,
            int minutes,
            SessionKind kind,
            @Nullable UUID sectionId,
            String title,
            boolean done,
            @Nullable Instant completedAt) {}

    Plan withSessions(List<Session> newSessions) {
        return new Plan(
                id,
                ownerId,
                examDate,
                dailyMinutes,
                startDate,
                timeZone,
                documentIds,
                revision,
                createdAt,
                updatedAt,
                newSessions);
    }
}
