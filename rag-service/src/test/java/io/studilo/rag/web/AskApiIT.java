package io.studilo.rag.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.studilo.common.contracts.DocumentDeleted;
import io.studilo.common.contracts.Exchanges;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import io.studilo.rag.retrieval.RetrievalConfiguration;
import io.studilo.testing.LocalServers;
import io.studilo.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The API against real Redis and RabbitMQ and a real Lucene index directory: the test holds the writer (as
 * ingestion does) and the service reads it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AskApiIT {

    static final Path INDEX_DIR;

    static {
        try {
            INDEX_DIR = Files.createTempDirectory("rag-it-index");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestTokens.shared().register(registry);
        LocalServers.registerRedis(registry);
        LocalServers.registerRabbitmq(registry);
        registry.add("studilo.knowledge.index-dir", INDEX_DIR::toString);
        registry.add("studilo.knowledge.reader-refresh", () -> "0s");
        registry.add("studilo.rag.cache.key-prefix", () -> "studilo:rag:it-" + UUID.randomUUID() + ":");
        registry.add("studilo.rag.resilience.open-for", () -> "2s");
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddingModel model;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    ConnectionFactory rabbit;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    LuceneVectorIndex writer;

    final UUID alice = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final UUID biology = UUID.randomUUID();
    final UUID aliceHistory = UUID.randomUUID();
    final UUID bobHistory = UUID.randomUUID();
    final UUID bobChemistry = UUID.randomUUID();

    @BeforeAll
    void indexNotes() {
        writer = new LuceneVectorIndex(INDEX_DIR, true, Duration.ZERO, Retrieval.DEFAULT, "all-minilm-l6-v2-q");
        upsert(
                alice,
                biology,
                "Biology notes",
                List.of(
                        new Page(
                                1,
                                "Photosynthesis",
                                "Photosynthesis takes place in the chloroplasts of plant cells. "
                                        + "Chlorophyll absorbs light energy, mostly red and blue light."),
                        new Page(
                                2,
                                "Cell respiration",
                                "Mitochondria produce ATP through cellular respiration. "
                                        + "Glucose and oxygen are turned into carbon dioxide, water and energy."),
                        new Page(
                                3,
                                "Membranes",
                                "The cell membrane is a phospholipid bilayer. "
                                        + "It controls which substances enter and leave the cell.")));
        String sameText = "The Treaty of Westphalia was signed in 1648 and ended the Thirty Years' War.";
        upsert(alice, aliceHistory, "History", List.of(new Page(1, "Early modern Europe", sameText)));
        upsert(bob, bobHistory, "History", List.of(new Page(1, "Early modern Europe", sameText)));
        upsert(
                bob,
                bobChemistry,
                "Chemistry",
                List.of(new Page(
                        4,
                        "Acids",
                        "Hydrochloric acid is a strong acid "
                                + "that dissociates completely in water. Its pH in dilute solution is below 1.")));
    }

    @AfterAll
    void closeWriter() {
        writer.close();
    }

    record Page(int page, String section, String text) {}

    void upsert(UUID owner, UUID document, String title, List<Page> pages) {
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            chunks.add(new Chunk(
                    Chunk.idOf(document, i),
                    owner,
                    document,
                    title,
                    UUID.nameUUIDFromBytes((document + p.section()).getBytes()),
                    p.section(),
                    p.page(),
                    p.page(),
                    i,
                    p.text()));
        }
        writer.upsert(
                chunks,
                Embeddings.embedAll(model, chunks.stream().map(Chunk::text).toList()));
    }

    HttpResponse<String> post(String path, UUID user, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TestTokens.shared().token(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode ask(UUID user, String question) {
        HttpResponse<String> response =
                post("/api/ask", user, json.writeValueAsString(java.util.Map.of("question", question)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Nested
    class Answers {

        @Test
        void groundedAnswerCitesThePageTheFactIsOn() {
            JsonNode answer = ask(alice, "Where in plant cells does photosynthesis take place?");
            assertThat(answer.get("grounded").asBoolean()).isTrue();
            assertThat(answer.get("answer").asString()).contains("chloroplasts").contains("[1]");
            JsonNode first = answer.get("citations").get(0);
            assertThat(first.get("documentId").asString()).isEqualTo(biology.toString());
            assertThat(first.get("page").asInt()).isEqualTo(1);
            assertThat(first.get("title").asString()).isEqualTo("Biology notes");
            assertThat(first.get("sectionTitle").asString()).isEqualTo("Photosynthesis");
            // The passage that carries the answer is the best evidence, and its score says so.
            assertThat(first.get("score").asDouble()).isEqualTo(1.0);

            JsonNode respiration = ask(alice, "What do mitochondria produce?");
            assertThat(respiration.get("grounded").asBoolean()).isTrue();
            assertThat(respiration.get("answer").asString()).contains("ATP");
            assertThat(respiration.get("citations").get(0).get("page").asInt()).isEqualTo(2);
        }

        @Test
        void refusesAQuestionTheNotesDoNotCover() {
            JsonNode answer = ask(alice, "Who won the football world cup in 1998?");
            assertThat(answer.get("grounded").asBoolean()).isFalse();
            assertThat(answer.get("answer").asString()).contains("don't cover");
            assertThat(answer.get("citations")).isEmpty();
            assertThat(answer.get("answer").asString()).doesNotContain("France");
        }

        @Test
        void searchReturnsRankedPassagesWithPageAndSection() {
            HttpResponse<String> response =
                    post("/api/search", alice, "{\"query\":\"cell membrane bilayer\",\"limit\":2}");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode results = json.readTree(response.body()).get("results");
            assertThat(results).hasSizeLessThanOrEqualTo(2);
            assertThat(results.get(0).get("page").asInt()).isEqualTo(3);
            assertThat(results.get(0).get("sectionTitle").asString()).isEqualTo("Membranes");
            assertThat(results.get(0).get("snippet").asString()).contains("phospholipid");
        }
    }

    @Nested
    class Isolation {

        @Test
        void usersWithIdenticalTextOnlyEverSeeTheirOwnDocuments() {
            for (UUID user : List.of(alice, bob)) {
                HttpResponse<String> response =
                        post("/api/search", user, "{\"query\":\"Treaty of Westphalia 1648\",\"limit\":50}");
                JsonNode results = json.readTree(response.body()).get("results");
                UUID own = user.equals(alice) ? aliceHistory : bobHistory;
                UUID other = user.equals(alice) ? bobHistory : aliceHistory;
                assertThat(results.findValuesAsString("documentId")).contains(own.toString());
                assertThat(response.body()).doesNotContain(other.toString());
            }
            JsonNode answer = ask(alice, "What is the pH of dilute hydrochloric acid?");
            assertThat(answer.get("grounded").asBoolean()).isFalse();
            assertThat(answer.toString())
                    .doesNotContain(bobChemistry.toString())
                    .doesNotContain("Hydrochloric");
        }

        @Test
        void anotherUsersDocumentIdFilterFindsNothing() {
            HttpResponse<String> response = post(
                    "/api/search",
                    alice,
                    "{\"query\":\"hydrochloric acid\",\"documentIds\":[\"" + bobChemistry + "\"]}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).get("results")).isEmpty();
        }
    }

    @Nested
    class Caching {

        @Test
        void revalidatesWithETagAndInvalidatesWhenADocumentIsDeleted() {
            UUID carol = UUID.randomUUID();
            UUID notes = UUID.randomUUID();
            upsert(
                    carol,
                    notes,
                    "Geology",
                    List.of(new Page(
                            7,
                            "Minerals",
                            "Quartz has a hardness of 7 on the "
                                    + "Mohs scale. Talc is the softest mineral, with a hardness of 1.")));
            String body = "{\"question\":\"What is the hardness of quartz on the Mohs scale?\"}";
            HttpResponse<String> first = post("/api/ask", carol, body);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(json.readTree(first.body()).get("grounded").asBoolean()).isTrue();
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control").orElseThrow())
                    .contains("private");

            HttpResponse<String> revalidated = post("/api/ask", carol, body, "If-None-Match", etag);
            assertThat(revalidated.statusCode()).isEqualTo(304);
            assertThat(post("/api/ask", carol, body).body()).isEqualTo(first.body());

            writer.deleteDocument(carol, notes);
            RabbitTemplate template = new RabbitTemplate(rabbit);
            template.setMessageConverter(new JacksonJsonMessageConverter());
            DocumentDeleted event = new DocumentDeleted(UUID.randomUUID(), carol, notes, Instant.now());
            template.convertAndSend(Exchanges.EVENTS, Exchanges.DOCUMENT_DELETED, event);
            template.convertAndSend(Exchanges.EVENTS, Exchanges.DOCUMENT_DELETED, event); // redelivery: no-op

            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            post("/api/ask", carol, body, "If-None-Match", etag).statusCode() == 200);
            HttpResponse<String> after = post("/api/ask", carol, body);
            assertThat(json.readTree(after.body()).get("grounded").asBoolean()).isFalse();
            assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        }
    }

    @Nested
    class Resilience {

        @Test
        void openBreakerAnswers503QuicklyWithRetryAfterAndRecovers() {
            var breaker = breakers.circuitBreaker(RetrievalConfiguration.VECTOR_INDEX_BREAKER);
            breaker.transitionToOpenState();
            try {
                long start = System.nanoTime();
                HttpResponse<String> response = post("/api/search", alice, "{\"query\":\"photosynthesis\"}");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(millis).isLessThan(1000);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                        .contains("application/problem+json");
                assertThat(json.readTree(response.body()).get("type").asString())
                        .isEqualTo("https://studilo.io/problems/knowledge-unavailable");
            } finally {
                breaker.transitionToHalfOpenState();
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> post("/api/search", alice, "{\"query\":\"photosynthesis\"}")
                                    .statusCode()
                            == 200);
        }
    }

    @Nested
    class BadInput {

        void assertProblem(HttpResponse<String> response, String type) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("type").asString())
                    .isEqualTo("https://studilo.io/problems/" + type);
        }

        @Test
        void rejectsBlankTooLongAndOverLimitRequests() {
            assertProblem(post("/api/ask", alice, "{\"question\":\"  \"}"), "validation");
            assertProblem(post("/api/ask", alice, "{\"question\":\"" + "x".repeat(1001) + "\"}"), "validation");
            assertProblem(post("/api/search", alice, "{\"query\":\"cells\",\"limit\":51}"), "validation");
            assertProblem(post("/api/search", alice, "{\"query\":\"cells\",\"limit\":0}"), "validation");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                ids.add("\"" + UUID.randomUUID() + "\"");
            }
            assertProblem(
                    post("/api/ask", alice, "{\"question\":\"cells\",\"documentIds\":[" + String.join(",", ids) + "]}"),
                    "validation");
            assertProblem(post("/api/ask", alice, "{\"question\":"), "malformed-request");
        }

        @Test
        void rejectsRequestsWithoutAToken() throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"cells\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
        }
    }
}
