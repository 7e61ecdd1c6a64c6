package io.studilo.planner.material;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read side of the planner's copy of the students' sections, always filtered by owner. */
@Component
public class SectionCatalog {

    private static final String SELECT = """
            SELECT s.section_id, s.document_id, d.title AS document_title, s.title, s.level, s.page_start,
                   s.page_end, s.ordinal, s.word_count, s.equation_count
            FROM planner.section s JOIN planner.document d ON d.document_id = s.document_id
            """;

    private final JdbcClient jdbc;

    SectionCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The owner's ready documents, in the order they became ready. */
    public List<UUID> documentIds(UUID ownerId) {
        return jdbc.sql(
                        "SELECT document_id FROM planner.document WHERE owner_id = :owner ORDER BY ready_at, document_id")
                .param("owner", ownerId)
                .query(UUID.class)
                .list();
    }

    /** Which of these documents the owner has (ready). */
    public List<UUID> existingDocumentIds(UUID ownerId, Collection<UUID> documentIds) {
        if (documentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT document_id FROM planner.document WHERE owner_id = :owner AND document_id IN (:ids)")
                .param("owner", ownerId)
                .param("ids", documentIds)
                .query(UUID.class)
                .list();
    }

    /** Which of these sections belong to the owner. */
    public List<UUID> ownedSectionIds(UUID ownerId, Collection<UUID> sectionIds) {
        if (sectionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT section_id FROM planner.section WHERE owner_id = :owner AND section_id IN (:ids)")
                .param("owner", ownerId)
                .param("ids", sectionIds)
                .query(UUID.class)
                .list();
    }

    /** The owner's sections of these documents, in document order then reading order (unordered documents). */
    public List<StudySection> sections(UUID ownerId, Collection<UUID> documentIds) {
        if (documentIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE s.owner_id = :owner AND s.document_id IN (:ids) ORDER BY s.ordinal")
                .param("owner", ownerId)
                .param("ids", documentIds)
                .query(SectionCatalog::map)
                .list();
    }

    private static StudySection map(ResultSet rs, int row) throws SQLException {
        return new StudySection(
                rs.getObject("section_id", UUID.class),
                rs.getObject("document_id", UUID.class),
                rs.getString("document_title"),
                rs.getString("title"),
                rs.getInt("level"),
                rs.getInt("page_start"),
                rs.getInt("page_end"),
                rs.getInt("ordinal"),
                rs.getInt("word_count"),
                rs.getInt("equation_count"));
    }
}
