package io.studilo.planner.plan;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plans and sessions; every read is filtered by owner. */
@Repository
class PlanRepository {

    private static final String PLAN_COLUMNS =
            "id, owner_id, exam_date, daily_minutes, start_date, time_zone, document_ids, revision, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PlanRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(Plan plan) {
        template.update("INSERT INTO planner.plan (" + PLAN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, plan.id());
            ps.setObject(2, plan.ownerId());
            ps.setDate(3, Date.valueOf(plan.examDate()));
            ps.setInt(4, plan.dailyMinutes());
            ps.setDate(5, Date.valueOf(plan.startDate()));
            ps.setString(6, plan.timeZone().getId());
            ps.setArray(
                    7,
                    ps.getConnection().createArrayOf("uuid", plan.documentIds().toArray()));
            ps.setInt(8, plan.revision());
            ps.setTimestamp(9, Timestamp.from(plan.createdAt()));
            ps.setTimestamp(10, Timestamp.from(plan.updatedAt()));
        });
    }

    /**
     * Serialises everything that changes a student's memory and plans (completions, exams, changed documents) until
     * the end of the transaction: one lock per student, always taken first, so these never deadlock each other.
     */
    void lockOwner(UUID ownerId) {
        long key = ownerId.getMostSignificantBits() ^ ownerId.getLeastSignificantBits();
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                .param("key", key)
                .query(Integer.class)
                .single();
    }

    /** Plans whose exam is on or after {@code today}. */
    int countUpcoming(UUID ownerId, LocalDate today) {
        return jdbc.sql("SELECT count(*) FROM planner.plan WHERE owner_id = :owner AND exam_date >= :today")
                .param("owner", ownerId)
                .param("today", Date.valueOf(today))
                .query(Integer.class)
                .single();
    }

    Optional<Plan> find(UUID ownerId, UUID planId) {
        return jdbc.sql("SELECT " + PLAN_COLUMNS + " FROM planner.plan WHERE id = :id AND owner_id = :owner")
                .param("id", planId)
                .param("owner", ownerId)
                .query(PlanRepository::mapPlan)
                .optional()
                .map(p -> p.withSessions(sessions(p.id())));
    }

    /** Locks the plan row until the end of the transaction (re-plans of one plan never interleave). */
    Optional<Plan> lock(UUID ownerId, UUID planId) {
        return jdbc.sql("SELECT " + PLAN_COLUMNS + " FROM planner.plan WHERE id = :id AND owner_id = :owner FOR UPDATE")
                .param("id", planId)
                .param("owner", ownerId)
                .query(PlanRepository::mapPlan)
                .optional()
                .map(p -> p.withSessions(sessions(p.id())));
    }

    List<Plan> findAll(UUID ownerId) {
        List<Plan> plans = jdbc.sql(
                        "SELECT " + PLAN_COLUMNS + " FROM planner.plan WHERE owner_id = :owner ORDER BY created_at, id")
                .param("owner", ownerId)
                .query(PlanRepository::mapPlan)
                .list();
        if (plans.isEmpty()) {
            return plans;
        }
        Map<UUID, List<Plan.Session>> sessions = jdbc
                .sql("""
                        SELECT s.plan_id, s.id, s.position, s.day, s.minutes, s.kind, s.section_id, s.title, s.done,
                            s.completed_at
                        FROM planner.session s JOIN planner.plan p ON p.id = s.plan_id
                        WHERE p.owner_id = :owner ORDER BY s.day, s.position""")
                .param("owner", ownerId)
                .query((rs, n) -> Map.entry(rs.getObject("plan_id", UUID.class), mapSession(rs, n)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return plans.stream()
                .map(p -> p.withSessions(sessions.getOrDefault(p.id(), List.of())))
                .toList();
    }

    /** Ids of the owner's plans whose exam is still ahead. */
    List<UUID> activePlanIds(UUID ownerId, LocalDate earliestExam) {
        return jdbc.sql("SELECT id FROM planner.plan WHERE owner_id = :owner AND exam_date >= :date ORDER BY id")
                .param("owner", ownerId)
                .param("date", Date.valueOf(earliestExam))
                .query(UUID.class)
                .list();
    }

    List<Plan.Session> sessions(UUID planId) {
        return jdbc.sql("""
                        SELECT id, position, day, minutes, kind, section_id, title, done, completed_at
                        FROM planner.session WHERE plan_id = :plan ORDER BY day, position""")
                .param("plan", planId)
                .query(PlanRepository::mapSession)
                .list();
    }

    /** Replaces every session not yet done by {@code upcoming}; bumps the revision. */
    void replaceUpcoming(UUID planId, List<Plan.Session> upcoming, Instant now) {
        jdbc.sql("DELETE FROM planner.session WHERE plan_id = :plan AND NOT done")
                .param("plan", planId)
                .update();
        template.batchUpdate("""
                INSERT INTO planner.session (id, plan_id, position, day, minutes, kind, section_id, title, done)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, false)""", upcoming, 500, (ps, s) -> {
            ps.setObject(1, s.id());
            ps.setObject(2, planId);
            ps.setInt(3, s.position());
            ps.setDate(4, Date.valueOf(s.day()));
            ps.setInt(5, s.minutes());
            ps.setString(6, s.kind().name());
            ps.setObject(7, s.sectionId());
            ps.setString(8, s.title());
        });
        jdbc.sql("UPDATE planner.plan SET revision = revision + 1, updated_at = :now WHERE id = :plan")
                .param("now", Timestamp.from(now))
                .param("plan", planId)
                .update();
    }

    /** Marks a session done; false when it was done already. */
    boolean complete(UUID planId, UUID sessionId, Instant now) {
        return jdbc.sql("""
                        UPDATE planner.session SET done = true, completed_at = :now
                        WHERE plan_id = :plan AND id = :id AND NOT done""")
                        .param("now", Timestamp.from(now))
                        .param("plan", planId)
                        .param("id", sessionId)
                        .update()
                == 1;
    }

    private static Plan mapPlan(ResultSet rs, int row) throws SQLException {
        Array ids = rs.getArray("document_ids");
        List<UUID> documentIds = new ArrayList<>(Arrays.asList((UUID[]) ids.getArray()));
        return new Plan(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getDate("exam_date").toLocalDate(),
                rs.getInt("daily_minutes"),
                rs.getDate("start_date").toLocalDate(),
                ZoneId.of(rs.getString("time_zone")),
                List.copyOf(documentIds),
                rs.getInt("revision"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                List.of());
    }

    private static Plan.Session mapSession(ResultSet rs, int row) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Plan.Session(
                rs.getObject("id", UUID.class),
                rs.getInt("position"),
                rs.getDate("day").toLocalDate(),
                rs.getInt("minutes"),
                SessionKind.valueOf(rs.getString("kind")),
                rs.getObject("section_id", UUID.class),
                rs.getString("title"),
                rs.getBoolean("done"),
                completed == null ? null : completed.toInstant());
    }
}
