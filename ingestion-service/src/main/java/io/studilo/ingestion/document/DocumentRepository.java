package io.studilo.ingestion.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents, their sections and pages in schema {@code ingestion}. Reads for clients always take the owner. Every
 * change of a document's state publishes {@link DocumentChanged} (delivered after the surrounding commit).
 */
@Repository
public class DocumentRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    DocumentRepository(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.events = events;
    }

    private void changed(UUID id) {
        events.publishEvent(new DocumentChanged(id));
    }

    void insert(Document d) {
        jdbc.sql("""
                        INSERT INTO documents (id, owner_id, title, file_name, media_type, kind, size_bytes, sha256,
                            storage_key, status, page_count, created_at, updated_at)
                        VALUES (:id, :owner, :title, :fileName, :mediaType, :kind, :size, :sha256, :key, :status,
                            :pageCount, :createdAt, :createdAt)
                        """)
                .param("id", d.id())
                .param("owner", d.ownerId())
                .param("title", d.title())
                .param("fileName", d.fileName())
                .param("mediaType", d.kind().mediaType())
                .param("kind", d.kind().name())
                .param("size", d.sizeBytes())
                .param("sha256", d.sha256())
                .param("key", d.storageKey())
                .param("status", d.status().name())
                .param("pageCount", d.pageCount(), java.sql.Types.INTEGER)
                .param("createdAt", Timestamp.from(d.createdAt()))
                .update();
    }

    /** How many documents the owner has, and how many of them are queued or being processed. */
    record OwnerCounts(long documents, long inProgress) {}

    OwnerCounts countOwned(UUID ownerId) {
        return jdbc.sql("""
                        SELECT count(*) AS documents,
                            count(*) FILTER (WHERE status IN ('QUEUED', 'PROCESSING')) AS in_progress
                        FROM documents WHERE owner_id = :owner
                        """)
                .param("owner", ownerId)
                .query((rs, n) -> new OwnerCounts(rs.getLong("documents"), rs.getLong("in_progress")))
                .single();
    }

    public Optional<Document> findOwned(UUID ownerId, UUID id) {
        return jdbc.sql("SELECT * FROM documents WHERE id = :id AND owner_id = :owner")
                .param("id", id)
                .param("owner", ownerId)
                .query(DocumentRepository::map)
                .optional();
    }

    public Optional<Document> find(UUID id) {
        return jdbc.sql("SELECT * FROM documents WHERE id = :id")
                .param("id", id)
                .query(DocumentRepository::map)
                .optional();
    }

    List<Document> listOwned(UUID ownerId) {
        return jdbc.sql("SELECT * FROM documents WHERE owner_id = :owner ORDER BY created_at DESC, id")
                .param("owner", ownerId)
                .query(DocumentRepository::map)
                .list();
    }

    public List<SectionRow> sections(UUID documentId) {
        return jdbc.sql("""
                        SELECT id, ordinal, title, level, page_start, page_end, word_count, equation_count, chunk_count
                        FROM sections WHERE document_id = :doc ORDER BY ordinal
                        """)
                .param("doc", documentId)
                .query((rs, n) -> new SectionRow(
                        rs.getObject("id", UUID.class),
                        rs.getInt("ordinal"),
                        rs.getString("title"),
                        rs.getInt("level"),
                        rs.getInt("page_start"),
                        rs.getInt("page_end"),
                        rs.getInt("word_count"),
                        rs.getInt("equation_count"),
                        rs.getInt("chunk_count")))
                .list();
    }

    public List<PageRow> pages(UUID documentId) {
        return jdbc.sql(
                        "SELECT page_number, method, char_count FROM pages WHERE document_id = :doc ORDER BY page_number")
                .param("doc", documentId)
                .query((rs, n) ->
                        new PageRow(rs.getInt("page_number"), rs.getString("method"), rs.getInt("char_count")))
                .list();
    }

    /**
     * Takes the job: a QUEUED document, or a PROCESSING one whose previous worker's lease ran out. Empty when
     * the document is gone, finished, or being processed by a live worker (a redelivered duplicate).
     */
    public Optional<Document> claim(UUID id, Duration lease) {
        return jdbc.sql("""
                        UPDATE documents SET status = 'PROCESSING', phase = 'EXTRACT', attempts = attempts + 1,
                            lease_until = now() + make_interval(secs => :lease), pages_processed = 0, ocr_pages = 0,
                            chunk_count = 0, error = NULL, updated_at = now()
                        WHERE id = :id AND (status = 'QUEUED' OR (status = 'PROCESSING' AND lease_until < now()))
                        RETURNING *
                        """)
                .param("id", id)
                .param("lease", (double) lease.toSeconds())
                .query(DocumentRepository::map)
                .optional()
                .map(claimed -> {
                    changed(id);
                    return claimed;
                });
    }

    /**
     * Documents whose worker died: PROCESSING with the lease run out, locked for the caller's transaction
     * ({@code SKIP LOCKED}: replicas checking at the same time take different ones).
     */
    public List<Document> lockStalled(int limit) {
        return jdbc.sql("""
                        SELECT * FROM documents WHERE status = 'PROCESSING' AND lease_until < now()
                        ORDER BY lease_until LIMIT :limit FOR UPDATE SKIP LOCKED
                        """)
                .param("limit", limit)
                .query(DocumentRepository::map)
                .list();
    }

    /** Gives a claimed job back (the worker hit an infrastructure error and the message will be retried). */
    public void release(UUID id) {
        jdbc.sql("""
                        UPDATE documents SET status = 'QUEUED', phase = NULL, lease_until = NULL, updated_at = now()
                        WHERE id = :id AND status = 'PROCESSING'
                        """).param("id", id).update();
        changed(id);
    }

    /**
     * Records how far the job got. Progress is only shown, never relied on, so its commit does not wait for the
     * disk ({@code synchronous_commit} off for this transaction): a database crash may lose the latest update,
     * never anything older, and the next durable commit (READY, FAILED) flushes it anyway.
     */
    public void progress(UUID id, String phase, @Nullable Integer pageCount, int pagesProcessed, int ocrPages) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
            updateProgress(id, phase, pageCount, pagesProcessed, ocrPages);
        });
        changed(id);
    }

    private void updateProgress(UUID id, String phase, @Nullable Integer pageCount, int pagesProcessed, int ocrPages) {
        jdbc.sql("""
                        UPDATE documents SET phase = :phase, page_count = COALESCE(:pageCount, page_count),
                            pages_processed = :done, ocr_pages = :ocr, updated_at = now()
                        WHERE id = :id AND status = 'PROCESSING'
                        """)
                .param("id", id)
                .param("phase", phase)
                .param("pageCount", pageCount, java.sql.Types.INTEGER)
                .param("done", pagesProcessed)
                .param("ocr", ocrPages)
                .update();
    }

    /** Replaces the outline and page records and marks the document READY; false if it was deleted meanwhile. */
    public boolean markReady(
            UUID id, int pageCount, int ocrPages, int chunkCount, List<SectionRow> sections, List<PageRow> pages) {
        int updated = jdbc.sql("""
                        UPDATE documents SET status = 'READY', phase = NULL, page_count = :pages,
                            pages_processed = :pages, ocr_pages = :ocr, chunk_count = :chunks, error = NULL,
                            lease_until = NULL, ready_at = now(), updated_at = now()
                        WHERE id = :id AND status = 'PROCESSING'
                        """)
                .param("id", id)
                .param("pages", pageCount)
                .param("ocr", ocrPages)
                .param("chunks", chunkCount)
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM sections WHERE document_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM pages WHERE document_id = :id").param("id", id).update();
        // One batch per table: a round trip for all rows, not one per row.
        batch.batchUpdate("""
                INSERT INTO sections (id, document_id, ordinal, title, level, page_start, page_end, word_count,
                    equation_count, chunk_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, sections, 500, (ps, s) -> {
            ps.setObject(1, s.id());
            ps.setObject(2, id);
            ps.setInt(3, s.ordinal());
            ps.setString(4, s.title());
            ps.setInt(5, s.level());
            ps.setInt(6, s.pageStart());
            ps.setInt(7, s.pageEnd());
            ps.setInt(8, s.wordCount());
            ps.setInt(9, s.equationCount());
            ps.setInt(10, s.chunkCount());
        });
        batch.batchUpdate(
                "INSERT INTO pages (document_id, page_number, method, char_count) VALUES (?, ?, ?, ?)",
                pages,
                500,
                (ps, p) -> {
                    ps.setObject(1, id);
                    ps.setInt(2, p.pageNumber());
                    ps.setString(3, p.method());
                    ps.setInt(4, p.charCount());
                });
        changed(id);
        return true;
    }

    /** Marks a document FAILED with a reason written for the student; false if it is gone or already final. */
    public boolean markFailed(UUID id, String reason) {
        boolean failed = jdbc.sql("""
                                UPDATE documents SET status = 'FAILED', phase = NULL, error = :reason, lease_until = NULL,
                                    updated_at = now()
                                WHERE id = :id AND status IN ('QUEUED', 'PROCESSING')
                                """).param("id", id).param("reason", reason).update() > 0;
        if (failed) {
            changed(id);
        }
        return failed;
    }

    boolean delete(UUID ownerId, UUID id) {
        boolean deleted = jdbc.sql("DELETE FROM documents WHERE id = :id AND owner_id = :owner")
                        .param("id", id)
                        .param("owner", ownerId)
                        .update()
                > 0;
        if (deleted) {
            changed(id);
        }
        return deleted;
    }

    public Map<DocumentStatus, Long> countByStatus() {
        Map<DocumentStatus, Long> counts = new EnumMap<>(DocumentStatus.class);
        for (DocumentStatus s : DocumentStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT status, count(*) AS n FROM documents GROUP BY status").query(rs -> {
            counts.put(DocumentStatus.valueOf(rs.getString("status")), rs.getLong("n"));
        });
        return counts;
    }

    private static Document map(ResultSet rs, int row) throws SQLException {
        Integer pageCount = rs.getObject("page_count", Integer.class);
        return new Document(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                rs.getString("title"),
                rs.getString("file_name"),
                DocumentKind.valueOf(rs.getString("kind")),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getString("storage_key"),
                DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("phase"),
                pageCount,
                rs.getInt("pages_processed"),
                rs.getInt("ocr_pages"),
                rs.getInt("chunk_count"),
                rs.getString("error"),
                rs.getInt("attempts"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getTimestamp("ready_at") == null ? null : instant(rs, "ready_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
