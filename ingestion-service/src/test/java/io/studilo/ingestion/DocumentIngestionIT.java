package io.studilo.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.studilo.common.contracts.DocumentDeleted;
import io.studilo.common.contracts.DocumentReady;
import io.studilo.common.contracts.Exchanges;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.ingestion.document.IngestionJob;
import io.studilo.ingestion.storage.ObjectStorage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class DocumentIngestionIT extends IngestionItSupport {

    @Autowired
    VectorIndex index;

    @Autowired
    ObjectStorage storage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    IngestionProperties properties;

    @Test
    void textPdfBecomesReadyWithHeadingSectionsAndPages() {
        UUID user = UUID.randomUUID();
        HttpResponse<String> response = upload(user, "orbits.pdf", Fixtures.textPdf(), "Orbits");
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = json(response);
        assertThat(accepted.get("status").asString()).isEqualTo("QUEUED");
        assertThat(accepted.get("pageCount").asInt())
                .as("declared pages, known from the upload")
                .isEqualTo(3);
        UUID id = UUID.fromString(accepted.get("id").asString());
        assertThat(response.headers().firstValue("Location")).hasValue("/api/documents/" + id);

        JsonNode document = awaitFinal(user, id, Duration.ofSeconds(90));

        assertThat(document.get("status").asString()).as(document.toString()).isEqualTo("READY");
        assertThat(document.get("title").asString()).isEqualTo("Orbits");
        assertThat(document.get("pageCount").asInt()).isEqualTo(3);
        assertThat(document.get("ocrPages").asInt()).isZero();
        assertThat(titles(document)).containsExactly("1 Orbital Mechanics", "2 Hohmann Transfer");
        JsonNode sections = document.get("sections");
        assertThat(sections.get(0).get("pageStart").asInt()).isEqualTo(1);
        assertThat(sections.get(1).get("pageStart").asInt()).isEqualTo(2);
        assertThat(sections.get(1).get("pageEnd").asInt()).isEqualTo(3);
        assertThat(methods(document)).containsOnly("TEXT").hasSize(3);
        List<Chunk> chunks = index.chunks(user, id, null);
        assertThat(chunks).hasSize(document.get("chunkCount").asInt()).isNotEmpty();
        assertThat(chunks).allSatisfy(c -> assertThat(c.ownerId()).isEqualTo(user));
        assertThat(chunks.stream().filter(c -> c.text().contains("Hohmann transfer moves")))
                .allSatisfy(c -> assertThat(c.sectionTitle()).isEqualTo("2 Hohmann Transfer"));
        assertThat(chunks.stream().filter(c -> c.text().contains("vis viva")))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.pageEnd()).isEqualTo(3));
    }

    @Test
    void scannedPdfIsReadByOcr() {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(
                user,
                "scan.pdf",
                Fixtures.scannedPdf(List.of(
                        "Kepler discovered three laws of planetary motion.",
                        "Every planet moves along an ellipse around the Sun.",
                        "Satellites obey the same laws as planets do.")));

        JsonNode document = awaitFinal(user, id, Duration.ofSeconds(120));

        assertThat(document.get("status").asString()).as(document.toString()).isEqualTo("READY");
        assertThat(document.get("ocrPages").asInt()).isEqualTo(1);
        assertThat(methods(document)).containsExactly("OCR");
        String text = String.join(
                " ", index.chunks(user, id, null).stream().map(Chunk::text).toList());
        assertThat(text).contains("Kepler").contains("ellipse").contains("Satellites");
    }

    @Test
    void markdownSectionsFollowHeadingsAndMathStaysIntact() {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));

        JsonNode document = awaitFinal(user, id, Duration.ofSeconds(60));

        assertThat(document.get("status").asString()).as(document.toString()).isEqualTo("READY");
        assertThat(titles(document))
                .containsExactly("Orbital mechanics notes", "Kepler's laws", "The vis-viva equation");
        assertThat(document.get("sections").get(1).get("level").asInt()).isEqualTo(2);
        assertThat(methods(document)).containsOnly("TEXT");
        String text = String.join(
                "\n", index.chunks(user, id, null).stream().map(Chunk::text).toList());
        assertThat(text).contains("v^2 = \\mu \\left( \\frac{2}{r} - \\frac{1}{a} \\right)");
    }

    @Test
    void redeliveredJobDoesNotDuplicateChunks() {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));
        JsonNode first = awaitFinal(user, id, Duration.ofSeconds(60));
        int chunkCount = first.get("chunkCount").asInt();
        assertThat(chunkCount).isPositive();

        // A duplicate of a finished job is ignored; a job whose worker died (lease over) is re-run from scratch.
        IngestionProperties.Messaging m = properties.messaging();
        rabbit.convertAndSend(m.jobsExchange(), m.jobsQueue(), new IngestionJob(UUID.randomUUID(), id, user));
        jdbc.sql("UPDATE documents SET status = 'PROCESSING', lease_until = now() - interval '1 second' WHERE id = :id")
                .param("id", id)
                .update();
        rabbit.convertAndSend(m.jobsExchange(), m.jobsQueue(), new IngestionJob(UUID.randomUUID(), id, user));

        await().atMost(Duration.ofSeconds(60)).until(() -> attempts(id) == 2 && "READY".equals(status(id)));
        List<Chunk> chunks = index.chunks(user, id, null);
        assertThat(chunks).hasSize(chunkCount);
        assertThat(chunks.stream().map(Chunk::id).distinct()).hasSize(chunkCount);
        assertThat(index.count(user)).isEqualTo(chunkCount);
    }

    @Test
    void aDocumentWhoseWorkerDiedIsQueuedAgainOnceItsLeaseRunsOut() {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));
        int chunkCount =
                awaitFinal(user, id, Duration.ofSeconds(60)).get("chunkCount").asInt();

        // As if a worker had claimed it and died, its redelivered job skipped while the lease held: no job is left.
        jdbc.sql("UPDATE documents SET status = 'PROCESSING', lease_until = now() - interval '1 second' WHERE id = :id")
                .param("id", id)
                .update();

        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(status(id)));
        assertThat(attempts(id)).isEqualTo(2);
        assertThat(index.chunks(user, id, null)).hasSize(chunkCount);
    }

    @Test
    void aDocumentWhoseWorkersKeepDyingEndsFailedAfterItsAttempts() {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));
        awaitFinal(user, id, Duration.ofSeconds(60));

        jdbc.sql("""
                        UPDATE documents SET status = 'PROCESSING', lease_until = now() - interval '1 second',
                            attempts = :attempts WHERE id = :id
                        """)
                .param("id", id)
                .param("attempts", properties.messaging().maxAttempts())
                .update();

        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(status(id)));
        assertThat(json(get(user, "/api/documents/" + id)).get("error").asString())
                .contains("Please try uploading it again");
    }

    @Test
    void uploadSucceedsWhileRabbitMqIsDownAndTheJobRunsWhenItReturns() {
        UUID user = UUID.randomUUID();
        RABBIT.cut();
        UUID id;
        try {
            id = uploaded(user, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));
            // The relay tried and failed at least once; the job is still waiting in the outbox.
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxAttemptsFor(id) > 0);
            assertThat(status(id)).isEqualTo("QUEUED");
        } finally {
            RABBIT.restore();
        }
        JsonNode document = awaitFinal(user, id, Duration.ofSeconds(120));
        assertThat(document.get("status").asString()).isEqualTo("READY");
    }

    @Test
    void aJobThatKeepsFailingIsRetriedThenDeadLetteredAndTheDocumentFails() {
        UUID user = UUID.randomUUID();
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        String dlq = properties.messaging().deadLetterQueue();
        long deadBefore = admin.getQueueInfo(dlq).getMessageCount();
        UUID id;
        RABBIT.cut();
        try {
            id = uploaded(user, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));
            // The original vanishes before the worker gets the job: every attempt fails on storage.
            storage.delete(ObjectStorage.keyOf(user, id));
        } finally {
            RABBIT.restore();
        }

        JsonNode document = awaitFinal(user, id, Duration.ofSeconds(90));

        assertThat(document.get("status").asString()).isEqualTo("FAILED");
        assertThat(document.get("error").asString()).contains("could not process this document right now");
        assertThat(attempts(id)).isEqualTo(properties.messaging().maxAttempts());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.getQueueInfo(dlq).getMessageCount() > deadBefore);
    }

    @Test
    void deleteRemovesOriginalVectorsAndRows() {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));
        awaitFinal(user, id, Duration.ofSeconds(60));
        String key = ObjectStorage.keyOf(user, id);
        assertThat(storage.exists(key)).isTrue();
        assertThat(index.chunks(user, id, null)).isNotEmpty();

        assertThat(delete(user, "/api/documents/" + id).statusCode()).isEqualTo(204);

        assertThat(get(user, "/api/documents/" + id).statusCode()).isEqualTo(404);
        assertThat(storage.exists(key)).isFalse();
        assertThat(index.chunks(user, id, null)).isEmpty();
        assertThat(count("SELECT count(*) FROM documents WHERE id = :id", id)).isZero();
        assertThat(count("SELECT count(*) FROM sections WHERE document_id = :id", id))
                .isZero();
        assertThat(count("SELECT count(*) FROM pages WHERE document_id = :id", id))
                .isZero();
        assertThat(delete(user, "/api/documents/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherStudentsDocumentIsNotFound() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        UUID id = uploaded(owner, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));

        for (HttpResponse<String> response : List.of(
                get(stranger, "/api/documents/" + id),
                get(stranger, "/api/documents/" + id + "/events"),
                delete(stranger, "/api/documents/" + id))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).get("type").asString()).isEqualTo("https://studilo.io/problems/not-found");
        }
        assertThat(json(get(stranger, "/api/documents"))).isEmpty();
        assertThat(json(get(owner, "/api/documents")).get(0).get("id").asString())
                .isEqualTo(id.toString());
        awaitFinal(owner, id, Duration.ofSeconds(60));
    }

    @Test
    void publishesDocumentReadyWithSectionsAndDocumentDeletedOnTheEventsExchange() {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        Queue events = QueueBuilder.nonDurable("studilo.ingestion.it-events-" + UUID.randomUUID())
                .expires(120_000)
                .build();
        admin.declareQueue(events);
        admin.declareBinding(BindingBuilder.bind(events)
                .to(new TopicExchange(Exchanges.EVENTS))
                .with("document.*"));
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "notes.md", Fixtures.markdown().getBytes(StandardCharsets.UTF_8));
        awaitFinal(user, id, Duration.ofSeconds(60));

        DocumentReady ready = next(events.getName(), DocumentReady.class, id);
        assertThat(ready.ownerId()).isEqualTo(user);
        assertThat(ready.sections())
                .extracting(DocumentReady.Section::title)
                .containsExactly("Orbital mechanics notes", "Kepler's laws", "The vis-viva equation");
        assertThat(ready.sections()).allSatisfy(s -> assertThat(s.wordCount()).isPositive());
        assertThat(ready.sections().get(2).equationCount()).isPositive();
        assertThat(ready.sections().stream()
                        .mapToInt(DocumentReady.Section::chunkCount)
                        .sum())
                .isEqualTo(index.chunks(user, id, null).size());

        assertThat(delete(user, "/api/documents/" + id).statusCode()).isEqualTo(204);
        DocumentDeleted deleted = next(events.getName(), DocumentDeleted.class, id);
        assertThat(deleted.ownerId()).isEqualTo(user);

        String metrics = send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                        .GET()
                        .build())
                .body();
        assertThat(metrics)
                .contains("studilo_ingestion_documents{")
                .contains("studilo_ingestion_pages_total{")
                .contains("studilo_ingestion_phase_seconds_count{")
                .contains("studilo_ingestion_queue_depth")
                .contains("studilo_ingestion_dlq_size");
    }

    private <T> T next(String queue, Class<T> type, UUID documentId) {
        Object[] found = new Object[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Object message = rabbit.receiveAndConvert(queue, 500);
            if (type.isInstance(message) && message.toString().contains(documentId.toString())) {
                found[0] = message;
            }
            return found[0] != null;
        });
        return type.cast(found[0]);
    }

    @Test
    void progressStreamEndsWithReady() {
        UUID user = UUID.randomUUID();
        UUID id = uploaded(user, "orbits.pdf", Fixtures.textPdf());

        HttpResponse<String> stream = get(user, "/api/documents/" + id + "/events");

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(stream.body()).contains("event:progress").contains("\"status\":\"READY\"");
        // The stream polls every 10 minutes here: it ended right after READY because the worker's commit pushed it.
        Instant readyAt = jdbc.sql("SELECT ready_at FROM documents WHERE id = :id")
                .param("id", id)
                .query(Timestamp.class)
                .single()
                .toInstant();
        assertThat(Duration.between(readyAt, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    private String status(UUID id) {
        return jdbc.sql("SELECT status FROM documents WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private int attempts(UUID id) {
        return jdbc.sql("SELECT attempts FROM documents WHERE id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    private int outboxAttemptsFor(UUID id) {
        return jdbc.sql("SELECT coalesce(max(attempts), 0) FROM outbox WHERE payload LIKE :doc")
                .param("doc", "%" + id + "%")
                .query(Integer.class)
                .single();
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private static List<String> titles(JsonNode document) {
        List<String> titles = new ArrayList<>();
        document.get("sections").forEach(s -> titles.add(s.get("title").asString()));
        return titles;
    }

    private static List<String> methods(JsonNode document) {
        List<String> methods = new ArrayList<>();
        document.get("pages").forEach(p -> methods.add(p.get("method").asString()));
        return methods;
    }
}
