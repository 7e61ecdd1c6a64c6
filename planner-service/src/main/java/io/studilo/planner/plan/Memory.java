package io.studilo.planner.plan;

import io.studilo.planner.fsrs.MemoryState;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A student's FSRS memory of one section, with the mastery the last exam reported. */
record Memory(
        UUID sectionId,
        MemoryState state,
        LocalDate lastReview,
        int reviews,
        int lapses,
        @Nullable Double mastery) {}
