package io.studilo.exam.question;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Banks and questions in schema {@code exam}. Every read is filtered by owner. */
@Repository
public class QuestionRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = """
            id, document_id, section_id, section_title, type, prompt, options, answer, answer_key, key_terms,
            passage, page, difficulty, attempts""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    QuestionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Creates the document's bank; empty when the owner already has one for it (the unique constraint decides). */
    Optional<UUID> createBank(UUID ownerId, UUID documentId, String title, @Nullable UUID eventId) {
        return jdbc.sql("""
                        INSERT INTO bank (id, owner_id, document_id, document_title, event_id)
                        VALUES (:id, :owner, :document, :title, :event)
                        ON CONFLICT ON CONSTRAINT bank_owner_document_uk DO NOTHING
                        RETURNING id
                        """)
                .param("id", UUID.randomUUID())
                .param("owner", ownerId)
                .param("document", documentId)
                .param("title", title)
                .param("event", eventId)
                .query(UUID.class)
                .optional();
    }

    void insertQuestions(UUID bankId, UUID ownerId, List<QuestionDraft> drafts, ToDoubleFunction<QuestionType> prior) {
        int ordinal = 0;
        for (QuestionDraft q : drafts) {
            jdbc.sql("""
                            INSERT INTO question (id, bank_id, owner_id, document_id, section_id, section_title, ordinal,
                                type, level, prompt, options, answer, answer_key, key_terms, passage, page, difficulty)
                            VALUES (:id, :bank, :owner, :document, :section, :sectionTitle, :ordinal, :type, :level,
                                :prompt, CAST(:options AS jsonb), :answer, :key, CAST(:keyTerms AS jsonb), :passage,
                                :page, :difficulty)
                            """)
                    .param("id", UUID.randomUUID())
                    .param("bank", bankId)
                    .param("owner", ownerId)
                    .param("document", q.passage().documentId())
                    .param("section", q.passage().sectionId())
                    .param("sectionTitle", q.passage().sectionTitle())
                    .param("ordinal", ordinal++)
                    .param("type", q.type().name())
                    .param("level", q.type().level())
                    .param("prompt", q.prompt())
                    .param("options", json.writeValueAsString(q.options()))
                    .param("answer", q.answer())
                    .param("key", q.key())
                    .param("keyTerms", json.writeValueAsString(q.keyTerms()))
                    .param("passage", q.passage().text())
                    .param("page", q.passage().page())
                    .param("difficulty", prior.applyAsDouble(q.type()))
                    .update();
        }
    }

    public boolean hasBank(UUID ownerId, UUID documentId) {
        return jdbc.sql("SELECT count(*) FROM bank WHERE owner_id = :owner AND document_id = :document")
                        .param("owner", ownerId)
                        .param("document", documentId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public Optional<String> documentTitle(UUID ownerId, UUID documentId) {
        return jdbc.sql("SELECT document_title FROM bank WHERE owner_id = :owner AND document_id = :document")
                .param("owner", ownerId)
                .param("document", documentId)
                .query(String.class)
                .optional();
    }

    public long bankCount(UUID ownerId, UUID documentId) {
        return jdbc.sql("SELECT count(*) FROM bank WHERE owner_id = :owner AND document_id = :document")
                .param("owner", ownerId)
                .param("document", documentId)
                .query(Long.class)
                .single();
    }

    /** Sections with questions, of the given documents (all the owner's when empty). */
    public List<SectionRef> sections(UUID ownerId, Collection<UUID> documentIds) {
        String filter = documentIds.isEmpty() ? "" : " AND document_id IN (:documents)";
        var spec = jdbc.sql("SELECT section_id, document_id, min(section_title) FROM question WHERE owner_id = :owner"
                        + filter + " GROUP BY section_id, document_id ORDER BY document_id, min(ordinal)")
                .param("owner", ownerId);
        if (!documentIds.isEmpty()) {
            spec = spec.param("documents", documentIds);
        }
        return spec.query((rs, n) ->
                        new SectionRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
    }

    /** The owner's questions of these sections at this level, minus those already used. */
    public List<Question> candidates(UUID ownerId, Collection<UUID> sectionIds, int level, Collection<UUID> exclude) {
        if (sectionIds.isEmpty()) {
            return List.of();
        }
        String notIn = exclude.isEmpty() ? "" : " AND id NOT IN (:exclude)";
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM question WHERE owner_id = :owner AND section_id IN (:sections)"
                        + " AND level = :level" + notIn + " ORDER BY ordinal")
                .param("owner", ownerId)
                .param("sections", sectionIds)
                .param("level", level);
        if (!exclude.isEmpty()) {
            spec = spec.param("exclude", exclude);
        }
        return spec.query(this::map).list();
    }

    /** How many of the owner's questions these sections have. */
    public int count(UUID ownerId, Collection<UUID> sectionIds) {
        if (sectionIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT count(*) FROM question WHERE owner_id = :owner AND section_id IN (:sections)")
                .param("owner", ownerId)
                .param("sections", sectionIds)
                .query(Integer.class)
                .single();
    }

    public Optional<Question> find(UUID ownerId, UUID questionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM question WHERE owner_id = :owner AND id = :id")
                .param("owner", ownerId)
                .param("id", questionId)
                .query(this::map)
                .optional();
    }

    public List<Question> ofDocument(UUID ownerId, UUID documentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM question WHERE owner_id = :owner AND document_id = :document"
                        + " ORDER BY ordinal")
                .param("owner", ownerId)
                .param("document", documentId)
                .query(this::map)
                .list();
    }

    /** Stores the item's new difficulty after an attempt. */
    public void recordAttempt(UUID ownerId, UUID questionId, double difficulty) {
        jdbc.sql(
                        "UPDATE question SET difficulty = :difficulty, attempts = attempts + 1 WHERE owner_id = :owner AND id = :id")
                .param("difficulty", difficulty)
                .param("owner", ownerId)
                .param("id", questionId)
                .update();
    }

    int deleteBank(UUID ownerId, UUID documentId) {
        return jdbc.sql("DELETE FROM bank WHERE owner_id = :owner AND document_id = :document")
                .param("owner", ownerId)
                .param("document", documentId)
                .update();
    }

    private Question map(ResultSet rs, int row) throws SQLException {
        return new Question(
                rs.getObject("id", UUID.class),
                rs.getObject("document_id", UUID.class),
                rs.getObject("section_id", UUID.class),
                rs.getString("section_title"),
                QuestionType.valueOf(rs.getString("type")),
                rs.getString("prompt"),
                json.readValue(rs.getString("options"), STRINGS),
                rs.getString("answer"),
                rs.getString("answer_key"),
                json.readValue(rs.getString("key_terms"), STRINGS),
                rs.getString("passage"),
                rs.getInt("page"),
                rs.getDouble("difficulty"),
                rs.getInt("attempts"));
    }
}
