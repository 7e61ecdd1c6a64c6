package io.studilo.planner.plan;

import io.studilo.planner.fsrs.MemoryState;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MemoryRepository {

    private final JdbcClient jdbc;

    MemoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<UUID, Memory> find(UUID ownerId, Collection<UUID> sectionIds) {
        return find(ownerId, sectionIds, false);
    }

    /** The section's memory, locked until the end of the transaction (for read-modify-write). */
    @Nullable
    Memory lock(UUID ownerId, UUID sectionId) {
        return find(ownerId, List.of(sectionId), true).get(sectionId);
    }

    private Map<UUID, Memory> find(UUID ownerId, Collection<UUID> sectionIds, boolean forUpdate) {
        if (sectionIds.isEmpty()) {
            return Map.of();
        }
        List<Memory> rows = jdbc.sql("""
                        SELECT section_id, stability, difficulty, last_review, reviews, lapses, mastery
                        FROM planner.memory WHERE owner_id = :owner AND section_id IN (:ids)""" + (forUpdate ? " FOR UPDATE" : ""))
                .param("owner", ownerId)
                .param("ids", sectionIds)
                .query((rs, n) -> new Memory(
                        rs.getObject("section_id", UUID.class),
                        new MemoryState(rs.getDouble("stability"), rs.getDouble("difficulty")),
                        rs.getDate("last_review").toLocalDate(),
                        rs.getInt("reviews"),
                        rs.getInt("lapses"),
                        rs.getObject("mastery", Double.class)))
                .list();
        return rows.stream().collect(Collectors.toMap(Memory::sectionId, Function.identity()));
    }

    void save(UUID ownerId, Memory memory, Instant now) {
        jdbc.sql("""
                        INSERT INTO planner.memory (owner_id, section_id, stability, difficulty, last_review, reviews,
                            lapses, mastery, updated_at)
                        VALUES (:owner, :section, :s, :d, :last, :reviews, :lapses, :mastery, :now)
                        ON CONFLICT (owner_id, section_id) DO UPDATE SET stability = EXCLUDED.stability,
                            difficulty = EXCLUDED.difficulty, last_review = EXCLUDED.last_review,
                            reviews = EXCLUDED.reviews, lapses = EXCLUDED.lapses, mastery = EXCLUDED.mastery,
                            updated_at = EXCLUDED.updated_at""")
                .param("owner", ownerId)
                .param("section", memory.sectionId())
                .param("s", memory.state().stability())
                .param("d", memory.state().difficulty())
                .param("last", Date.valueOf(memory.lastReview()))
                .param("reviews", memory.reviews())
                .param("lapses", memory.lapses())
                .param("mastery", memory.mastery())
                .param("now", Timestamp.from(now))
                .update();
    }

    void delete(UUID ownerId, Collection<UUID> sectionIds) {
        if (sectionIds.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM planner.memory WHERE owner_id = :owner AND section_id IN (:ids)")
                .param("owner", ownerId)
                .param("ids", sectionIds)
                .update();
    }
}
