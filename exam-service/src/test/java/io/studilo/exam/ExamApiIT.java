package io.studilo.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.studilo.common.contracts.DocumentDeleted;
import io.studilo.common.contracts.DocumentReady;
import io.studilo.common.contracts.ExamGraded;
import io.studilo.common.contracts.Exchanges;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.exam.question.Question;
import io.studilo.exam.question.QuestionBankService;
import io.studilo.exam.question.QuestionRepository;
import io.studilo.exam.question.QuestionType;
import io.studilo.exam.support.SampleNotes;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamApiIT {

    static final Path INDEX = tempDir();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID NOTES = UUID.randomUUID();
    /** A queue of this run's own: the shared broker may hold other test runs' DocumentReady events. */
    static final String DOCUMENT_READY_QUEUE = "studilo.exam.document-ready.it-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        LocalServers.registerPostgres(registry);
        LocalServers.registerRabbitmq(registry);
        TestTokens.shared().register(registry);
        registry.add("studilo.knowledge.index-dir", INDEX::toString);
        registry.add("studilo.knowledge.writer", () -> "true");
        registry.add("studilo.exam.messaging.relay-interval", () -> "100ms");
        registry.add("studilo.exam.messaging.document-ready-queue", () -> DOCUMENT_READY_QUEUE);
        registry.add("studilo.exam.messaging.chunk-visibility-timeout", () -> "2s");
    }

    @LocalServerPort
    int port;

    @Autowired
    VectorIndex index;

    @Autowired
    QuestionRepository questions;

    @Autowired
    QuestionBankService banks;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    JsonMapper json;

    final HttpClient http = HttpClient.newHttpClient();
    Queue examGraded;

    @BeforeAll
    void notesInTheIndexAndAListenerForExamGraded() {
        index(ALICE, NOTES);
        examGraded = new Queue("test.exam-graded." + UUID.randomUUID(), false, false, false);
        admin.declareQueue(examGraded);
        admin.declareBinding(BindingBuilder.bind(examGraded)
                .to(new TopicExchange(Exchanges.EVENTS))
                .with(Exchanges.EXAM_GRADED));
        DocumentReady ready = documentReady(ALICE, NOTES);
        for (int i = 0; i < 3; i++) {
            rabbit.convertAndSend(Exchanges.EVENTS, Exchanges.DOCUMENT_READY, ready);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> questions.hasBank(ALICE, NOTES));
    }

    @AfterAll
    void removeQueue() {
        admin.deleteQueue(examGraded.getName());
        admin.deleteQueue(DOCUMENT_READY_QUEUE);
        admin.deleteQueue(DOCUMENT_READY_QUEUE + ".dlq");
    }

    @Nested
    class Banks {

        @Test
        void aRedeliveredDocumentReadyLeavesExactlyOneBank() {
            rabbit.convertAndSend(Exchanges.EVENTS, Exchanges.DOCUMENT_READY, documentReady(ALICE, NOTES));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> questions.bankCount(ALICE, NOTES) == 1);
            assertThat(questions.ofDocument(ALICE, NOTES)).hasSizeGreaterThanOrEqualTo(20);
        }

        @Test
        void concurrentGenerationsOfOneDocumentCreateOneBank() throws Exception {
            UUID document = UUID.randomUUID();
            index(ALICE, document);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Callable<QuestionBankService.Outcome>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tasks.add(() -> banks.generate(ALICE, document, "Biology notes", UUID.randomUUID()));
            }
            List<QuestionBankService.Outcome> outcomes = new ArrayList<>();
            for (Future<QuestionBankService.Outcome> f : pool.invokeAll(tasks)) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            assertThat(outcomes).containsOnlyOnce(QuestionBankService.Outcome.CREATED);
            assertThat(questions.bankCount(ALICE, document)).isEqualTo(1);
        }

        @Test
        void documentDeletedRemovesTheBank() {
            UUID document = UUID.randomUUID();
            index(ALICE, document);
            banks.generate(ALICE, document, "Biology notes", null);
            assertThat(questions.hasBank(ALICE, document)).isTrue();
            rabbit.convertAndSend(
                    Exchanges.EVENTS,
                    Exchanges.DOCUMENT_DELETED,
                    new DocumentDeleted(UUID.randomUUID(), ALICE, document, Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> !questions.hasBank(ALICE, document));
            assertThat(questions.ofDocument(ALICE, document)).isEmpty();
        }

        @Test
        void ankiExportIsTabSeparatedWithCitations() throws Exception {
            HttpResponse<String> response = get(ALICE, "/api/questions/anki?documentId=" + NOTES);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/tab-separated-values"));
            List<String> cards =
                    response.body().lines().filter(l -> !l.startsWith("#")).toList();
            assertThat(cards).hasSize(questions.ofDocument(ALICE, NOTES).size());
            assertThat(cards).allSatisfy(card -> {
                assertThat(card.chars().filter(c -> c == '\t').count()).isEqualTo(1);
                assertThat(card).contains("Biology notes, p. ");
            });
        }
    }

    @Nested
    class ProgressiveExam {

        @Test
        void climbsOnCorrectAnswersDescendsOnMistakesAndPublishesExamGraded() throws Exception {
            UUID student = UUID.randomUUID();
            UUID document = UUID.randomUUID();
            index(student, document);
            JsonNode exam = created(post(
                    student,
                    "/api/exams",
                    Map.of("documentIds", List.of(document), "questionCount", 14, "mode", "PROGRESSIVE")));
            String id = exam.get("id").asText();
            assertThat(exam.get("level").asInt()).isEqualTo(1);
            assertThat(exam.get("status").asText()).isEqualTo("IN_PROGRESS");

            List<Integer> levels = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                levels.add(answer(student, id, true).get("level").asInt());
            }
            assertThat(levels).containsExactly(1, 2, 2, 3, 3, 4);
            assertThat(answer(student, id, false).get("level").asInt()).isEqualTo(4);
            JsonNode wrong = answer(student, id, false);
            assertThat(wrong.get("level").asInt()).isEqualTo(3);
            assertThat(wrong.get("correct").asBoolean()).isFalse();
            assertThat(wrong.get("feedback").asText()).isNotBlank();
            assertThat(wrong.get("citation").get("documentId").asText()).isEqualTo(document.toString());
            assertThat(wrong.get("citation").get("page").asInt()).isBetween(1, 3);
            assertThat(wrong.get("citation").get("snippet").asText()).isNotBlank();
            assertThat(wrong.get("expectedAnswer").asText()).isNotBlank();

            while (get(student, "/api/exams/" + id + "/next").statusCode() == 200) {
                answer(student, id, true);
            }
            JsonNode state = json.readTree(get(student, "/api/exams/" + id).body());
            assertThat(state.get("status").asText()).isEqualTo("FINISHED");
            assertThat(state.get("answered").asInt()).isBetween(8, 14);
            assertThat(state.get("score").asDouble()).isBetween(0.5, 1.0);

            JsonNode report =
                    json.readTree(get(student, "/api/exams/" + id + "/report").body());
            assertThat(report.get("bySection")).isNotEmpty();
            report.get("bySection")
                    .forEach(s -> assertThat(s.get("mastery").asDouble()).isBetween(0.0, 1.0));

            JsonNode mastery = json.readTree(get(student, "/api/mastery").body());
            assertThat(mastery).isNotEmpty();
            mastery.forEach(m -> assertThat(m.get("documentId").asText()).isEqualTo(document.toString()));

            ExamGraded graded = await().atMost(Duration.ofSeconds(15))
                    .until(() -> receiveGraded(UUID.fromString(id)), g -> g != null);
            assertThat(graded.ownerId()).isEqualTo(student);
            assertThat(graded.sections())
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.mastery()).isBetween(0.0, 1.0));
            assertThat(graded.sections().stream()
                            .mapToInt(ExamGraded.SectionResult::answered)
                            .sum())
                    .isEqualTo(state.get("answered").asInt());
        }

        @Test
        void anExamOnNotesWithoutABankGeneratesOneOnDemand() throws Exception {
            UUID document = UUID.randomUUID();
            index(ALICE, document);
            HttpResponse<String> response =
                    post(ALICE, "/api/exams", Map.of("documentIds", List.of(document), "mode", "PROGRESSIVE"));
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers().firstValue("Location")).isPresent();
            assertThat(questions.hasBank(ALICE, document)).isTrue();
        }
    }

    @Nested
    class FixedExam {

        @Test
        void isBalancedAcrossSectionsAndLevels() throws Exception {
            JsonNode exam = created(post(
                    ALICE, "/api/exams", Map.of("documentIds", List.of(NOTES), "questionCount", 12, "mode", "FIXED")));
            String id = exam.get("id").asText();
            assertThat(exam.get("questionCount").asInt()).isEqualTo(12);
            Map<UUID, Integer> bySection = new HashMap<>();
            Map<Integer, Integer> byLevel = new HashMap<>();
            HttpResponse<String> next;
            while ((next = get(ALICE, "/api/exams/" + id + "/next")).statusCode() == 200) {
                JsonNode q = json.readTree(next.body());
                Question question = questions
                        .find(ALICE, UUID.fromString(q.get("questionId").asText()))
                        .orElseThrow();
                bySection.merge(question.sectionId(), 1, Integer::sum);
                byLevel.merge(q.get("level").asInt(), 1, Integer::sum);
                if (q.get("type").asText().equals("MULTIPLE_CHOICE")) {
                    assertThat(q.get("options")).hasSize(4);
                }
                answer(id, true);
            }
            assertThat(next.statusCode()).isEqualTo(204);
            assertThat(bySection.values()).containsOnly(4);
            assertThat(byLevel.keySet()).contains(1, 2, 3);
            assertThat(byLevel.values()).allMatch(n -> n <= 6);
        }

        @Test
        void shorterThanTheSectionsStillSpreadsOverLevelsEasyFirst() throws Exception {
            String id = created(post(
                            ALICE,
                            "/api/exams",
                            Map.of("documentIds", List.of(NOTES), "questionCount", 3, "mode", "FIXED")))
                    .get("id")
                    .asText();
            List<Integer> levels = new ArrayList<>();
            HttpResponse<String> next;
            while ((next = get(ALICE, "/api/exams/" + id + "/next")).statusCode() == 200) {
                levels.add(json.readTree(next.body()).get("level").asInt());
                answer(id, true);
            }
            assertThat(levels).hasSize(3).doesNotHaveDuplicates().isSorted();
        }
    }

    @Nested
    class Isolation {

        @Test
        void anotherUsersExamAnswersLikeAMissingOne() throws Exception {
            String id = created(post(ALICE, "/api/exams", Map.of("documentIds", List.of(NOTES), "mode", "FIXED")))
                    .get("id")
                    .asText();
            for (HttpResponse<String> response : List.of(
                    get(BOB, "/api/exams/" + id),
                    get(BOB, "/api/exams/" + id + "/next"),
                    get(BOB, "/api/exams/" + id + "/report"),
                    get(BOB, "/api/exams/" + UUID.randomUUID()),
                    post(BOB, "/api/exams/" + id + "/answers", Map.of("questionId", UUID.randomUUID(), "answer", "x")),
                    get(BOB, "/api/questions/anki?documentId=" + NOTES),
                    post(BOB, "/api/exams", Map.of("documentIds", List.of(NOTES), "mode", "FIXED")))) {
                assertThat(response.statusCode()).isEqualTo(404);
                assertThat(json.readTree(response.body()).get("type").asText()).endsWith("/not-found");
            }
            assertThat(json.readTree(get(BOB, "/api/mastery").body())).isEmpty();
        }

        @Test
        void theOpenApiDocumentDescribesTheExamsApi() throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri("/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode paths = json.readTree(response.body()).get("paths");
            assertThat(paths.has("/api/exams")).isTrue();
            assertThat(paths.has("/api/exams/{id}/answers")).isTrue();
            assertThat(paths.has("/api/mastery")).isTrue();
            assertThat(paths.has("/api/questions/anki")).isTrue();
        }

        @Test
        void withoutATokenIsUnauthorized() throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri("/api/mastery")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class Limits {

        @Test
        void rejectsOutOfRangeRequestsAsValidationProblems() throws Exception {
            for (Map<String, Object> body : List.<Map<String, Object>>of(
                    Map.of("documentIds", List.of(NOTES), "questionCount", 1000, "mode", "FIXED"),
                    Map.of("documentIds", List.of(NOTES), "questionCount", 0, "mode", "FIXED"),
                    Map.of("documentIds", List.of(NOTES)),
                    Map.of("documentIds", List.of(NOTES), "mode", "SOMETIMES"))) {
                HttpResponse<String> response = post(ALICE, "/api/exams", body);
                assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
                assertThat(json.readTree(response.body()).get("type").asText())
                        .as(body.toString())
                        .matches(".*/(validation|malformed-request)");
            }
        }

        @Test
        void answeringTheSameQuestionTwiceIsAConflict() throws Exception {
            String id = created(post(ALICE, "/api/exams", Map.of("documentIds", List.of(NOTES), "mode", "FIXED")))
                    .get("id")
                    .asText();
            JsonNode next =
                    json.readTree(get(ALICE, "/api/exams/" + id + "/next").body());
            Map<String, Object> body =
                    Map.of("questionId", next.get("questionId").asText(), "answer", "anything");
            assertThat(post(ALICE, "/api/exams/" + id + "/answers", body).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> again = post(ALICE, "/api/exams/" + id + "/answers", body);
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(json.readTree(again.body()).get("type").asText()).endsWith("/conflict");
        }
    }

    // ---- helpers ----

    private JsonNode answer(String examId, boolean correctly) throws Exception {
        return answer(ALICE, examId, correctly);
    }

    private JsonNode answer(UUID student, String examId, boolean correctly) throws Exception {
        HttpResponse<String> next = get(student, "/api/exams/" + examId + "/next");
        assertThat(next.statusCode()).isEqualTo(200);
        UUID questionId =
                UUID.fromString(json.readTree(next.body()).get("questionId").asText());
        Question q = questions.find(student, questionId).orElseThrow();
        String answer = correctly ? correctAnswer(q) : wrongAnswer(q);
        HttpResponse<String> response =
                post(student, "/api/exams/" + examId + "/answers", Map.of("questionId", questionId, "answer", answer));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = json.readTree(response.body());
        assertThat(result.get("correct").asBoolean())
                .as(q + " answered " + answer)
                .isEqualTo(correctly);
        return result;
    }

    private static String correctAnswer(Question q) {
        return q.type() == QuestionType.SHORT_ANSWER ? q.passage() : q.answer();
    }

    private static String wrongAnswer(Question q) {
        return switch (q.type()) {
            case TRUE_FALSE -> q.answer().equals("true") ? "false" : "true";
            case MULTIPLE_CHOICE ->
                q.options().stream()
                        .filter(o -> !o.equals(q.answer()))
                        .findFirst()
                        .orElseThrow();
            case CLOZE -> "xylophone";
            case SHORT_ANSWER -> "I do not remember anything about volcanoes.";
        };
    }

    private ExamGraded receiveGraded(UUID examId) {
        Object message;
        while ((message = rabbit.receiveAndConvert(
                        examGraded.getName(), 500, ParameterizedTypeReference.forType(ExamGraded.class)))
                != null) {
            if (message instanceof ExamGraded graded && graded.examId().equals(examId)) {
                return graded;
            }
        }
        return null;
    }

    private JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(UUID user, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", bearer(user))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(UUID user, String path, Object body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", bearer(user))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String bearer(UUID user) {
        return "Bearer " + TestTokens.shared().token(user);
    }

    private void index(UUID owner, UUID document) {
        List<Chunk> chunks = SampleNotes.chunks(owner, document);
        index.upsert(chunks, SampleNotes.embed(chunks));
    }

    private static DocumentReady documentReady(UUID owner, UUID document) {
        List<DocumentReady.Section> sections = new ArrayList<>();
        List<Chunk> chunks = SampleNotes.chunks(owner, document);
        for (int s = 0; s < 3; s++) {
            Chunk first = chunks.get(s * 2);
            sections.add(
                    new DocumentReady.Section(first.sectionId(), first.sectionTitle(), 1, s + 1, s + 1, s, 100, 0, 2));
        }
        return new DocumentReady(
                UUID.nameUUIDFromBytes(document.toString().getBytes()),
                owner,
                document,
                "Biology notes",
                sections,
                Instant.now());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("exam-index");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
