package io.studilo.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The whole student journey through the gateway, in order: upload notes → progress events → READY → ask
 * (grounded and refused) → plan → progressive exam → the plan changes → delete. A second student sees none
 * of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudyJourneyIT {

    static final String NOTES = """
            # Photosynthesis

            ## Light reactions

            Photosynthesis is the process by which plants convert light energy into chemical energy.
            The light reactions take place in the thylakoid membranes of the chloroplast.
            Chlorophyll is the green pigment that absorbs red and blue light.
            During the light reactions water is split, and oxygen is released as a by-product.

            ## Calvin cycle

            The Calvin cycle is the set of reactions that fixes carbon dioxide into sugar.
            The Calvin cycle takes place in the stroma of the chloroplast.
            RuBisCO is the enzyme that captures carbon dioxide in the Calvin cycle.
            ATP and NADPH made by the light reactions power the Calvin cycle.

            ## Cellular respiration

            Cellular respiration is the process that releases the energy stored in glucose.
            Mitochondria are the organelles where most of cellular respiration happens.
            Glycolysis is the first stage of cellular respiration and happens in the cytoplasm.
            The Krebs cycle produces carbon dioxide as a waste product.
            """;

    final Stack.Student student = Stack.newStudent();
    final Stack.Student stranger = Stack.newStudent();
    String documentId;
    String planId;
    JsonNode planBeforeExam;

    @Test
    @Order(1)
    void uploadedNotesBecomeReadyWithSectionsAndProgressEvents() {
        Stack.Reply upload = upload(student, "photosynthesis.md", NOTES.getBytes(StandardCharsets.UTF_8));

        assertThat(upload.status()).isEqualTo(202);
        assertThat(upload.header("Location")).isNotBlank();
        documentId = upload.body().get("id").asString();

        String events = readEventStream("/api/documents/" + documentId + "/events");
        assertThat(events).contains("event:progress").contains("READY");

        Stack.Reply document = Stack.get("/api/documents/" + documentId, student.accessToken());
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().get("status").asString()).isEqualTo("READY");
        assertThat(document.body().get("chunkCount").asInt()).isPositive();
        List<String> sections = new ArrayList<>();
        document.body().get("sections").forEach(s -> sections.add(s.get("title").asString()));
        assertThat(sections).contains("Light reactions", "Calvin cycle", "Cellular respiration");
    }

    @Test
    @Order(2)
    void anotherStudentCannotSeeTheNotes() {
        assertThat(Stack.get("/api/documents/" + documentId, stranger.accessToken())
                        .status())
                .isEqualTo(404);

        Stack.Reply search = Stack.post(
                "/api/search", Map.of("query", "Where do the light reactions take place?"), stranger.accessToken());
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body().get("results")).isEmpty();
    }

    @Test
    @Order(3)
    void answersFromTheNotesWithCitations() {
        Stack.Reply ask = Stack.post(
                "/api/ask", Map.of("question", "Where do the light reactions take place?"), student.accessToken());

        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.body().get("grounded").asBoolean()).isTrue();
        assertThat(ask.body().get("answer").asString()).containsIgnoringCase("thylakoid");
        JsonNode citation = ask.body().get("citations").get(0);
        assertThat(citation.get("documentId").asString()).isEqualTo(documentId);
        assertThat(citation.get("page").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void saysSoWhenTheNotesDoNotCoverAQuestion() {
        Stack.Reply ask = Stack.post(
                "/api/ask",
                Map.of("question", "Which country won the 1998 football world cup final?"),
                student.accessToken());

        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.body().get("grounded").asBoolean()).isFalse();
        assertThat(ask.body().get("answer").asString()).doesNotContainIgnoringCase("France");
    }

    @Test
    @Order(5)
    void plansStudyUpToTheExam() {
        Map<String, Object> request = Map.of(
                "examDate", LocalDate.now().plusDays(21).toString(),
                "dailyMinutes", 60,
                "documentIds", List.of(documentId));
        AtomicReference<Stack.Reply> created = new AtomicReference<>();
        // The planner learns the sections from the DocumentReady event: wait until it has.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    created.set(Stack.post("/api/plans", request, student.accessToken()));
                    return created.get().status() == 201;
                });
        planId = created.get().body().get("id").asString();
        planBeforeExam = created.get().body();
        List<String> kinds = new ArrayList<>();
        planBeforeExam.get("sessions").forEach(s -> kinds.add(s.get("kind").asString()));
        assertThat(kinds).contains("LEARN", "REVIEW");
    }

    @Test
    @Order(6)
    void aProgressiveExamIsGradedAndChangesThePlan() {
        Map<String, Object> request =
                Map.of("documentIds", List.of(documentId), "questionCount", 4, "mode", "PROGRESSIVE");
        AtomicReference<Stack.Reply> created = new AtomicReference<>();
        // The question bank is generated from the DocumentReady event: wait until it exists.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    created.set(Stack.post("/api/exams", request, student.accessToken()));
                    return created.get().status() == 201;
                });
        String examId = created.get().body().get("id").asString();

        int answered = 0;
        while (true) {
            Stack.Reply next = Stack.get("/api/exams/" + examId + "/next", student.accessToken());
            if (next.status() == 204) {
                break;
            }
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body().get("prompt").asString()).isNotBlank();
            // A student who knows nothing: every answer is wrong.
            Stack.Reply graded = Stack.post(
                    "/api/exams/" + examId + "/answers",
                    Map.of("questionId", next.body().get("questionId").asString(), "answer", "no idea"),
                    student.accessToken());
            assertThat(graded.status()).isEqualTo(200);
            assertThat(graded.body().get("correct").asBoolean()).isFalse();
            assertThat(graded.body().get("expectedAnswer").asString()).isNotBlank();
            assertThat(graded.body().get("citation").get("documentId").asString())
                    .isEqualTo(documentId);
            answered++;
            assertThat(answered).isLessThanOrEqualTo(4);
        }
        assertThat(answered).isBetween(1, 4);

        Stack.Reply report = Stack.get("/api/exams/" + examId + "/report", student.accessToken());
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().get("bySection")).isNotEmpty();
        assertThat(Stack.get("/api/exams/" + examId, stranger.accessToken()).status())
                .isEqualTo(404);

        // ExamGraded reaches the planner, which re-plans the future.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Stack.Reply plan = Stack.get("/api/plans/" + planId, student.accessToken());
                    assertThat(plan.status()).isEqualTo(200);
                    assertThat(plan.body().get("revision").asInt())
                            .isGreaterThan(planBeforeExam.get("revision").asInt());
                });
        Stack.Reply calendar = Stack.get("/api/plans/" + planId + "/calendar.ics", student.accessToken());
        assertThat(calendar.status()).isEqualTo(200);
        assertThat(calendar.raw().body()).startsWith("BEGIN:VCALENDAR");
    }

    @Test
    @Order(7)
    void deletingTheNotesRemovesThemEverywhere() {
        assertThat(Stack.send("DELETE", "/api/documents/" + documentId, null, student.accessToken())
                        .status())
                .isEqualTo(204);

        assertThat(Stack.get("/api/documents/" + documentId, student.accessToken())
                        .status())
                .isEqualTo(404);
        Stack.Reply search = Stack.post(
                "/api/search", Map.of("query", "Where do the light reactions take place?"), student.accessToken());
        assertThat(search.body().get("results")).isEmpty();
    }

    private static Stack.Reply upload(Stack.Student who, String filename, byte[] content) {
        String boundary = "studilo-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + "/api/documents"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + who.accessToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return Stack.execute(request);
    }

    /** Reads the server-sent events until the server ends the stream (it does at READY or FAILED). */
    private String readEventStream(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Stack.GATEWAY + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + student.accessToken())
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        Stack.Reply reply = Stack.execute(request);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/event-stream");
        return reply.raw().body().replace("event: ", "event:");
    }
}
