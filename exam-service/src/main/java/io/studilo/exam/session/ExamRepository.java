package io.studilo.exam.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Exams, their items and the students' abilities. Every read is filtered by owner. */
@Repository
class ExamRepository {

    enum Mode {
        PROGRESSIVE,
        FIXED
    }

    enum Status {
        IN_PROGRESS,
        FINISHED
    }

    record Exam(
            UUID id,
            UUID ownerId,
            Mode mode,
            Status status,
            int level,
            int questionCount,
            int answered,
            int correct,
            double scoreSum,
            int streak,
            int settled) {

        double score() {
            return answered == 0 ? 0 : scoreSum / answered;
        }
    }

    record Item(UUID questionId, int ordinal, boolean answered) {}

    record Ability(UUID sectionId, UUID documentId, String title, double rating, int answered, int correct) {}

    record SectionResult(UUID sectionId, UUID documentId, String title, int answered, int correct, double score) {}

    private final JdbcClient jdbc;

    ExamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Exam exam, Collection<UUID> sectionIds) {
        jdbc.sql("""
                        INSERT INTO exam (id, owner_id, mode, status, level, question_count)
                        VALUES (:id, :owner, :mode, :status, :level, :count)
                        """)
                .param("id", exam.id())
                .param("owner", exam.ownerId())
                .param("mode", exam.mode().name())
                .param("status", exam.status().name())
                .param("level", exam.level())
                .param("count", exam.questionCount())
                .update();
        for (UUID section : sectionIds) {
            jdbc.sql("INSERT INTO exam_section (exam_id, section_id) VALUES (:exam, :section)")
                    .param("exam", exam.id())
                    .param("section", section)
                    .update();
        }
    }

    Optional<Exam> find(UUID ownerId, UUID examId) {
        return jdbc.sql("SELECT * FROM exam WHERE owner_id = :owner AND id = :id")
                .param("owner", ownerId)
                .param("id", examId)
                .query(ExamRepository::map)
                .optional();
    }

    /** The exam, row-locked until the transaction ends (answers and next-item picks are serialised per exam). */
    Optional<Exam> lock(UUID ownerId, UUID examId) {
        return jdbc.sql("SELECT * FROM exam WHERE owner_id = :owner AND id = :id FOR UPDATE")
                .param("owner", ownerId)
                .param("id", examId)
                .query(ExamRepository::map)
                .optional();
    }

    void update(Exam exam) {
        jdbc.sql("""
                        UPDATE exam SET status = :status, level = :level, answered = :answered, correct = :correct,
                            score_sum = :scoreSum, streak = :streak, settled = :settled,
                            finished_at = CASE WHEN :status = 'FINISHED' THEN now() ELSE finished_at END
                        WHERE id = :id AND owner_id = :owner
                        """)
                .param("status", exam.status().name())
                .param("level", exam.level())
                .param("answered", exam.answered())
                .param("correct", exam.correct())
                .param("scoreSum", exam.scoreSum())
                .param("streak", exam.streak())
                .param("settled", exam.settled())
                .param("id", exam.id())
                .param("owner", exam.ownerId())
                .update();
    }

    List<UUID> sections(UUID examId) {
        return jdbc.sql("SELECT section_id FROM exam_section WHERE exam_id = :exam")
                .param("exam", examId)
                .query(UUID.class)
                .list();
    }

    List<Item> items(UUID examId) {
        return jdbc.sql("SELECT question_id, ordinal, answered_at IS NOT NULL FROM exam_item WHERE exam_id = :exam"
                        + " ORDER BY ordinal")
                .param("exam", examId)
                .query((rs, n) -> new Item(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBoolean(3)))
                .list();
    }

    /** How many questions of each section the exam has served so far. */
    Map<UUID, Integer> servedBySection(UUID ownerId, UUID examId) {
        Map<UUID, Integer> served = new HashMap<>();
        jdbc.sql("""
                        SELECT q.section_id, count(*) FROM exam_item i JOIN question q ON q.id = i.question_id
                        WHERE i.exam_id = :exam AND q.owner_id = :owner GROUP BY q.section_id
                        """)
                .param("exam", examId)
                .param("owner", ownerId)
                .query((rs, n) -> served.put(rs.getObject(1, UUID.class), rs.getInt(2)))
                .list();
        return served;
    }

    void addItem(UUID examId, UUID questionId, int ordinal) {
        jdbc.sql("INSERT INTO exam_item (exam_id, question_id, ordinal) VALUES (:exam, :question, :ordinal)")
                .param("exam", examId)
                .param("question", questionId)
                .param("ordinal", ordinal)
                .update();
    }

    void answerItem(UUID examId, UUID questionId, String answer, double score, boolean correct) {
        jdbc.sql("""
                        UPDATE exam_item SET answer = :answer, score = :score, correct = :correct, answered_at = now()
                        WHERE exam_id = :exam AND question_id = :question
                        """)
                .param("answer", answer)
                .param("score", score)
                .param("correct", correct)
                .param("exam", examId)
                .param("question", questionId)
                .update();
    }

    /** Per section of the exam (answered or not): answers, correct ones and mean score. */
    List<SectionResult> results(UUID ownerId, UUID examId) {
        return jdbc.sql("""
                        SELECT s.section_id, q.document_id, q.section_title,
                               count(i.answered_at) AS answered,
                               count(*) FILTER (WHERE i.correct) AS correct,
                               coalesce(avg(i.score) FILTER (WHERE i.answered_at IS NOT NULL), 0) AS score
                        FROM exam_section s
                        JOIN LATERAL (SELECT document_id, section_title FROM question
                                      WHERE section_id = s.section_id AND owner_id = :owner LIMIT 1) q ON true
                        LEFT JOIN exam_item i ON i.exam_id = s.exam_id
                             AND i.question_id IN (SELECT id FROM question
                                                  WHERE section_id = s.section_id AND owner_id = :owner)
                        WHERE s.exam_id = :exam
                        GROUP BY s.section_id, q.document_id, q.section_title
                        ORDER BY q.section_title
                        """)
                .param("exam", examId)
                .param("owner", ownerId)
                .query((rs, n) -> new SectionResult(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getDouble(6)))
                .list();
    }

    List<Ability> abilities(UUID ownerId) {
        return jdbc.sql("SELECT * FROM ability WHERE owner_id = :owner ORDER BY document_id, section_title")
                .param("owner", ownerId)
                .query(ExamRepository::mapAbility)
                .list();
    }

    /** The owner's ability ratings in these sections (absent: no answer yet). */
    Map<UUID, Double> ratings(UUID ownerId, Collection<UUID> sectionIds) {
        Map<UUID, Double> ratings = new HashMap<>();
        if (sectionIds.isEmpty()) {
            return ratings;
        }
        jdbc.sql("SELECT section_id, rating FROM ability WHERE owner_id = :owner AND section_id IN (:sections)")
                .param("owner", ownerId)
                .param("sections", sectionIds)
                .query((rs, n) -> ratings.put(rs.getObject(1, UUID.class), rs.getDouble(2)))
                .list();
        return ratings;
    }

    Optional<Ability> ability(UUID ownerId, UUID sectionId) {
        return jdbc.sql("SELECT * FROM ability WHERE owner_id = :owner AND section_id = :section")
                .param("owner", ownerId)
                .param("section", sectionId)
                .query(ExamRepository::mapAbility)
                .optional();
    }

    void saveAbility(UUID ownerId, Ability ability) {
        jdbc.sql("""
                        INSERT INTO ability (owner_id, section_id, document_id, section_title, rating, answered, correct)
                        VALUES (:owner, :section, :document, :title, :rating, :answered, :correct)
                        ON CONFLICT (owner_id, section_id) DO UPDATE SET rating = excluded.rating,
                            answered = excluded.answered, correct = excluded.correct, updated_at = now()
                        """)
                .param("owner", ownerId)
                .param("section", ability.sectionId())
                .param("document", ability.documentId())
                .param("title", ability.title())
                .param("rating", ability.rating())
                .param("answered", ability.answered())
                .param("correct", ability.correct())
                .update();
    }

    private static Exam map(ResultSet rs, int row) throws SQLException {
        return new Exam(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                Mode.valueOf(rs.getString("mode")),
                Status.valueOf(rs.getString("status")),
                rs.getInt("level"),
                rs.getInt("question_count"),
                rs.getInt("answered"),
                rs.getInt("correct"),
                rs.getDouble("score_sum"),
                rs.getInt("streak"),
                rs.getInt("settled"));
    }

    private static Ability mapAbility(ResultSet rs, int row) throws SQLException {
        return new Ability(
                rs.getObject("section_id", UUID.class),
                rs.getObject("document_id", UUID.class),
                rs.getString("section_title"),
                rs.getDouble("rating"),
                rs.getInt("answered"),
                rs.getInt("correct"));
    }
}
