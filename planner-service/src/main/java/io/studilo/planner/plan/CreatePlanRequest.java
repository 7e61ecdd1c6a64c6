package io.studilo.planner.plan;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/plans}. Limits that depend on configuration (daily minutes, horizon, number of documents) are
 * checked by the service, with a problem that names the allowed range.
 *
 * @param documentIds the documents to study, in this order; all ready documents when absent
 * @param startDate first study day; today (in {@code timeZone}) when absent
 * @param timeZone IANA zone id the dates are in; UTC when absent
 */
record CreatePlanRequest(
        @NotNull LocalDate examDate,
        @NotNull Integer dailyMinutes,
        @Nullable @Size(max = 1000) List<@NotNull UUID> documentIds,
        @Nullable LocalDate startDate,
        @Nullable @Size(max = 64) String timeZone) {}
