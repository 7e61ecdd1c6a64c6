package io.studilo.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.common.contracts.DocumentDeleted;
import io.studilo.common.contracts.DocumentReady;
import io.studilo.common.contracts.ExamGraded;
import io.studilo.common.contracts.Exchanges;
import io.studilo.planner.messaging.EventLog;
import io.studilo.testing.LocalServers;
import io.studilo.testing.TestTokens;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The planner against real PostgreSQL and RabbitMQ: events in through the broker, plans out through HTTP with real
 * access tokens. Each test works for fresh random students, so tests share the database without interfering.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Queues of their own, so a planner of a running stack never takes this test's messages.
            "studilo.planner.messaging.document-ready-queue=" + PlannerIT.QUEUE_PREFIX + "document-ready",
            "studilo.planner.messaging.document-deleted-queue=" + PlannerIT.QUEUE_PREFIX + "document-deleted",
            "studilo.planner.messaging.exam-graded-queue=" + PlannerIT.QUEUE_PREFIX + "exam-graded",
            "management.server.port=0"
        })
class PlannerIT {

    static final String QUEUE_PREFIX = "studilo.planner-it.";
    static final String PROBLEMS = "https://studilo.io/problems/";
    static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        LocalServers.registerPostgres(registry);
        LocalServers.registerRabbitmq(registry);
        TestTokens.shared().register(registry);
    }

    static AmqpAdmin adminForCleanup;

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    void admin(AmqpAdmin admin) {
        adminForCleanup = admin;
    }

    @AfterAll
    static void deleteTestQueues() {
        if (adminForCleanup != null) {
            for (String q : List.of("document-ready", "document-deleted", "exam-graded")) {
                adminForCleanup.deleteQueue(QUEUE_PREFIX + q);
                adminForCleanup.deleteQueue(QUEUE_PREFIX + q + ".dlq");
            }
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    record Student(UUID id, UUID documentId, List<UUID> sectionIds, DocumentReady ready) {}

    /** A student with one ready document of {@code sections} sections, each 14 minutes to learn. */
    Student studentWithDocument(int sections) {
        UUID owner = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        List<DocumentReady.Section> outline = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < sections; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            // 1200 words / 120 wpm = 10 min + 2 equations * 1.5 = 3 min + 2 pages * 0.5 = 1 min -> 14 min
            outline.add(new DocumentReady.Section(id, "Chapter " + (i + 1), 1, 2 * i + 1, 2 * i + 2, i, 1200, 2, 4));
        }
        DocumentReady ready =
                new DocumentReady(UUID.randomUUID(), owner, document, "Analysis I", outline, Instant.now());
        rabbit.convertAndSend(Exchanges.EVENTS, Exchanges.DOCUMENT_READY, ready);
        await().atMost(WAIT).until(() -> sectionCount(owner) == sections);
        return new Student(owner, document, ids, ready);
    }

    int sectionCount(UUID owner) {
        return jdbc.sql("SELECT count(*) FROM planner.section WHERE owner_id = :o")
                .param("o", owner)
                .query(Integer.class)
                .single();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    HttpResponse<String> send(String method, String path, UUID user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Bearer " + TestTokens.shared().token(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode createPlan(UUID user, String body) throws Exception {
        HttpResponse<String> response = send("POST", "/api/plans", user, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode plan = json.readTree(response.body());
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/api/plans/" + plan.get("id").asString());
        return plan;
    }

    JsonNode getPlan(UUID user, String id) throws Exception {
        HttpResponse<String> response = send("GET", "/api/plans/" + id, user, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    static String planBody(LocalDate exam, int dailyMinutes) {
        return "{\"examDate\":\"%s\",\"dailyMinutes\":%d}".formatted(exam, dailyMinutes);
    }

    static List<JsonNode> sessions(JsonNode plan) {
        List<JsonNode> sessions = new ArrayList<>();
        plan.get("sessions").forEach(sessions::add);
        return sessions;
    }

    static LocalDate firstUpcomingReview(JsonNode plan, UUID sectionId) {
        return sessions(plan).stream()
                .filter(s -> s.get("kind").asString().equals("REVIEW")
                        && !s.get("done").asBoolean()
                        && sectionId.toString().equals(s.get("sectionId").asString()))
                .map(s -> LocalDate.parse(s.get("date").asString()))
                .min(LocalDate::compareTo)
                .orElseThrow();
    }

    void assertProblem(HttpResponse<String> response, int status, String type, String detailPart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo(PROBLEMS + type);
        if (detailPart != null) {
            assertThat(problem.get("detail").asString()).contains(detailPart);
        }
    }

    @Nested
    class Planning {

        @Test
        void coversEverySectionBeforeTheExamWithinTheDailyBudget() throws Exception {
            Student student = studentWithDocument(8);
            double createdBefore =
                    meters.counter("studilo.planner.plans.created").count();
            LocalDate exam = today().plusDays(21);
            JsonNode plan = createPlan(student.id(), planBody(exam, 45));

            assertThat(plan.get("examDate").asString()).isEqualTo(exam.toString());
            Map<String, Integer> learned = new HashMap<>();
            Map<String, Integer> perDay = new HashMap<>();
            for (JsonNode s : sessions(plan)) {
                LocalDate date = LocalDate.parse(s.get("date").asString());
                assertThat(date).isAfterOrEqualTo(today()).isBefore(exam);
                assertThat(s.get("minutes").isInt()).isTrue();
                perDay.merge(s.get("date").asString(), s.get("minutes").asInt(), Integer::sum);
                if (s.get("kind").asString().equals("LEARN")) {
                    learned.merge(
                            s.get("sectionId").asString(), s.get("minutes").asInt(), Integer::sum);
                }
            }
            assertThat(perDay.values()).allMatch(m -> m <= 45);
            for (UUID section : student.sectionIds()) {
                assertThat(learned.get(section.toString()))
                        .as("minutes learned of " + section)
                        .isEqualTo(14);
            }
            assertThat(sessions(plan)).anyMatch(s -> s.get("kind").asString().equals("REVIEW"));
            assertThat(sessions(plan)).anyMatch(s -> s.get("kind").asString().equals("PRACTICE_EXAM"));
            assertThat(meters.counter("studilo.planner.plans.created").count()).isEqualTo(createdBefore + 1);

            HttpResponse<String> list = send("GET", "/api/plans", student.id(), null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(json.readTree(list.body())).hasSize(1);
        }

        @Test
        void usesTheStudentsTimeZoneForDates() throws Exception {
            Student student = studentWithDocument(2);
            LocalDate todayInKiritimati = LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati"));
            JsonNode plan = createPlan(
                    student.id(),
                    "{\"examDate\":\"%s\",\"dailyMinutes\":60,\"timeZone\":\"Pacific/Kiritimati\"}"
                            .formatted(todayInKiritimati.plusDays(10)));
            assertThat(plan.get("timeZone").asString()).isEqualTo("Pacific/Kiritimati");
            assertThat(plan.get("startDate").asString()).isEqualTo(todayInKiritimati.toString());
        }

        @Test
        void theCalendarIsValidICalendarWithOneEventPerSessionAndTheExam() throws Exception {
            Student student = studentWithDocument(3);
            JsonNode plan = createPlan(student.id(), planBody(today().plusDays(14), 60));
            HttpResponse<String> ics =
                    send("GET", "/api/plans/" + plan.get("id").asString() + "/calendar.ics", student.id(), null);
            assertThat(ics.statusCode()).isEqualTo(200);
            assertThat(ics.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("text/calendar"));
            Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
            assertThat(calendar.validate().hasErrors()).isFalse();
            assertThat(calendar.getComponents("VEVENT")).hasSize(sessions(plan).size() + 1);
            String firstSession = sessions(plan).get(0).get("id").asString();
            assertThat(ics.body()).contains("UID:" + firstSession + "@studilo.io\r\n");
        }
    }

    @Nested
    class Adapting {

        @Test
        void aPoorExamMovesTheSectionsReviewsEarlierAndDoneSessionsStay() throws Exception {
            Student student = studentWithDocument(4);
            UUID weak = student.sectionIds().get(0);
            JsonNode plan = createPlan(student.id(), planBody(today().plusDays(30), 60));
            String planId = plan.get("id").asString();

            // Learn the first section now: its LEARN sessions done = the first FSRS review (Good, S = 2.31 days).
            for (JsonNode s : sessions(plan)) {
                if (s.get("kind").asString().equals("LEARN")
                        && weak.toString().equals(s.get("sectionId").asString())) {
                    HttpResponse<String> done = send(
                            "POST",
                            "/api/plans/" + planId + "/sessions/" + s.get("id").asString() + "/complete",
                            student.id(),
                            null);
                    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
                }
            }
            JsonNode learned = getPlan(student.id(), planId);
            LocalDate reviewBefore = firstUpcomingReview(learned, weak);
            assertThat(reviewBefore).isEqualTo(today().plusDays(2));
            List<JsonNode> doneBefore = sessions(learned).stream()
                    .filter(s -> s.get("done").asBoolean())
                    .toList();
            assertThat(doneBefore).isNotEmpty();
            int revision = learned.get("revision").asInt();

            double replansBefore = meters.counter("studilo.planner.replans", "reason", "exam-graded")
                    .count();
            rabbit.convertAndSend(Exchanges.EVENTS, Exchanges.EXAM_GRADED, examGraded(student, weak, 0.1, 0.15));
            await().atMost(WAIT)
                    .until(() -> getPlan(student.id(), planId).get("revision").asInt() > revision);

            JsonNode after = getPlan(student.id(), planId);
            assertThat(meters.counter("studilo.planner.replans", "reason", "exam-graded")
                            .count())
                    .isGreaterThan(replansBefore);
            assertThat(meters.find("studilo.planner.plan.generation")
                            .tag("trigger", "replan")
                            .timer())
                    .isNotNull()
                    .satisfies(t -> assertThat(t.count()).isPositive());
            // Again on the same day: S = 2.3065 * e^(0.5425 * (1 - 3 + 0.0912)) * 2.3065^-0.0658 = 0.78 -> 1 day
            assertThat(firstUpcomingReview(after, weak))
                    .isEqualTo(today().plusDays(1))
                    .isBefore(reviewBefore);
            List<JsonNode> doneAfter = sessions(after).stream()
                    .filter(s -> s.get("done").asBoolean())
                    .toList();
            assertThat(doneAfter).containsExactlyElementsOf(doneBefore);
            JsonNode progress = null;
            for (JsonNode section : after.get("sections")) {
                if (section.get("sectionId").asString().equals(weak.toString())) {
                    progress = section;
                }
            }
            assertThat(progress).isNotNull();
            assertThat(progress.get("mastery").asDouble()).isEqualTo(0.15);
            assertThat(progress.get("nextReview").asString())
                    .isEqualTo(today().plusDays(1).toString());
        }

        @Test
        void duplicateEventsChangeNothing() throws Exception {
            Student student = studentWithDocument(3);
            UUID section = student.sectionIds().get(1);
            JsonNode plan = createPlan(student.id(), planBody(today().plusDays(20), 60));
            String planId = plan.get("id").asString();

            ExamGraded exam = examGraded(student, section, 0.95, 0.9);
            rabbit.convertAndSend(Exchanges.EVENTS, Exchanges.EXAM_GRADED, exam);
            await().atMost(WAIT).until(() -> reviews(student.id(), section) == 1);
            JsonNode once = getPlan(student.id(), planId);

            // The same events again (redelivery), then a marker event behind them on each queue.
            rabbit.convertAndSend(Exchanges.EVENTS, Exchanges.EXAM_GRADED, exam);
            rabbit.convertAndSend(Exchanges.EVENTS, Exchanges.DOCUMENT_READY, student.ready());
            Student marker = studentWithDocument(1);
            rabbit.convertAndSend(
                    Exchanges.EVENTS,
                    Exchanges.EXAM_GRADED,
                    examGraded(marker, marker.sectionIds().get(0), 0.5, 0.5));
            await().atMost(WAIT)
                    .until(() -> reviews(marker.id(), marker.sectionIds().get(0)) == 1);

            assertThat(reviews(student.id(), section)).isEqualTo(1);
            assertThat(sectionCount(student.id())).isEqualTo(3);
            JsonNode twice = getPlan(student.id(), planId);
            assertThat(twice.get("revision").asInt())
                    .isEqualTo(once.get("revision").asInt());
            assertThat(twice.get("sessions")).isEqualTo(once.get("sessions"));
        }

        @Test
        void aDeletedDocumentLeavesTheFutureOfThePlan() throws Exception {
            Student student = studentWithDocument(3);
            JsonNode plan = createPlan(student.id(), planBody(today().plusDays(10), 60));
            String planId = plan.get("id").asString();
            rabbit.convertAndSend(
                    Exchanges.EVENTS,
                    Exchanges.DOCUMENT_DELETED,
                    new DocumentDeleted(UUID.randomUUID(), student.id(), student.documentId(), Instant.now()));
            await().atMost(WAIT).until(() -> sectionCount(student.id()) == 0);
            await().atMost(WAIT)
                    .until(() -> sessions(getPlan(student.id(), planId)).isEmpty());
            assertThat(getPlan(student.id(), planId).get("sections")).isEmpty();
        }

        @Test
        void aReingestedDocumentIsReplannedWithItsNewOutline() throws Exception {
            Student student = studentWithDocument(2);
            String planId = createPlan(student.id(), planBody(today().plusDays(10), 60))
                    .get("id")
                    .asString();
            UUID kept = student.sectionIds().get(0);
            UUID dropped = student.sectionIds().get(1);
            UUID added = UUID.randomUUID();
            List<DocumentReady.Section> outline = List.of(
                    new DocumentReady.Section(kept, "Chapter 1", 1, 1, 2, 0, 1200, 2, 4),
                    new DocumentReady.Section(added, "Chapter 2 (rewritten)", 1, 3, 4, 1, 1200, 2, 4));
            rabbit.convertAndSend(
                    Exchanges.EVENTS,
                    Exchanges.DOCUMENT_READY,
                    new DocumentReady(
                            UUID.randomUUID(),
                            student.id(),
                            student.documentId(),
                            "Analysis I",
                            outline,
                            Instant.now()));

            await().atMost(WAIT)
                    .until(() -> sessions(getPlan(student.id(), planId)).stream()
                            .anyMatch(s ->
                                    added.toString().equals(s.get("sectionId").asString())));
            assertThat(sessions(getPlan(student.id(), planId)))
                    .noneMatch(s -> dropped.toString().equals(s.get("sectionId").asString()));
        }

        @Test
        void concurrentCompletionsAndAnExamNeitherDeadlockNorLoseUpdates() throws Exception {
            Student student = studentWithDocument(6);
            JsonNode plan = createPlan(student.id(), planBody(today().plusDays(20), 120));
            String planId = plan.get("id").asString();
            List<String> learn = sessions(plan).stream()
                    .filter(s -> s.get("kind").asString().equals("LEARN"))
                    .map(s -> s.get("id").asString())
                    .toList();

            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (String session : learn) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/plans/"
                                + planId + "/sessions/" + session + "/complete"))
                        .header("Authorization", "Bearer " + TestTokens.shared().token(student.id()))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
                responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            rabbit.convertAndSend(
                    Exchanges.EVENTS,
                    Exchanges.EXAM_GRADED,
                    examGraded(student, student.sectionIds().get(5), 0.3, 0.2));

            for (var response : responses) {
                assertThat(response.get().statusCode())
                        .as(response.get().body())
                        .isEqualTo(200);
            }
            await().atMost(WAIT)
                    .until(() -> reviews(student.id(), student.sectionIds().get(5)) >= 1);
            JsonNode after = getPlan(student.id(), planId);
            assertThat(sessions(after).stream()
                            .filter(s -> s.get("kind").asString().equals("LEARN")
                                    && s.get("done").asBoolean()))
                    .hasSize(learn.size());
            for (UUID section : student.sectionIds().subList(0, 5)) {
                assertThat(reviews(student.id(), section))
                        .as("first review of " + section)
                        .isEqualTo(1);
            }
        }

        @Test
        void handledEventIdsAreForgottenAfterTheRetention(@Autowired EventLog eventLog) {
            UUID old = UUID.randomUUID();
            UUID recent = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO planner.processed_event (event_id, event_type, processed_at)
                            VALUES (:old, 'Test', now() - interval '31 days'), (:recent, 'Test', now() - interval '29 days')""").param("old", old).param("recent", recent).update();
            eventLog.purge();
            List<UUID> left = jdbc.sql("SELECT event_id FROM planner.processed_event WHERE event_id IN (:ids)")
                    .param("ids", List.of(old, recent))
                    .query(UUID.class)
                    .list();
            assertThat(left).containsExactly(recent);
        }

        @Test
        void aMessageThatCannotBeReadEndsInTheDeadLetterQueue() {
            MessageProperties properties = new MessageProperties();
            properties.setContentType("application/json");
            String body = "{\"eventId\": \"not json at all";
            // Straight to this test's queue (not the exchange), so no other consumer sees the poison message.
            rabbit.send("", QUEUE_PREFIX + "document-ready", new Message(body.getBytes(), properties));
            Message dead = rabbit.receive(QUEUE_PREFIX + "document-ready.dlq", WAIT.toMillis());
            assertThat(dead).isNotNull();
            assertThat(new String(dead.getBody())).isEqualTo(body);
        }

        int reviews(UUID owner, UUID section) {
            return jdbc.sql(
                            "SELECT coalesce(max(reviews), 0) FROM planner.memory WHERE owner_id = :o AND section_id = :s")
                    .param("o", owner)
                    .param("s", section)
                    .query(Integer.class)
                    .single();
        }
    }

    static ExamGraded examGraded(Student student, UUID section, double score, double mastery) {
        return new ExamGraded(
                UUID.randomUUID(),
                student.id(),
                UUID.randomUUID(),
                List.of(new ExamGraded.SectionResult(
                        section, student.documentId(), 10, (int) Math.round(score * 10), score, mastery)),
                Instant.now());
    }

    @Nested
    class Problems {

        @Test
        void anotherStudentsPlanIsNotFound() throws Exception {
            Student owner = studentWithDocument(2);
            JsonNode plan = createPlan(owner.id(), planBody(today().plusDays(10), 60));
            String id = plan.get("id").asString();
            String session = sessions(plan).get(0).get("id").asString();
            UUID stranger = UUID.randomUUID();

            assertProblem(send("GET", "/api/plans/" + id, stranger, null), 404, "not-found", null);
            assertProblem(send("GET", "/api/plans/" + id + "/calendar.ics", stranger, null), 404, "not-found", null);
            assertProblem(
                    send("POST", "/api/plans/" + id + "/sessions/" + session + "/complete", stranger, null),
                    404,
                    "not-found",
                    null);
            assertProblem(send("GET", "/api/plans/" + UUID.randomUUID(), owner.id(), null), 404, "not-found", null);
            assertThat(json.readTree(send("GET", "/api/plans", stranger, null).body()))
                    .isEmpty();
            assertThat(getPlan(owner.id(), id)
                            .get("sessions")
                            .get(0)
                            .get("done")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        void refusesAnExamDateInThePast() throws Exception {
            Student student = studentWithDocument(1);
            assertProblem(
                    send("POST", "/api/plans", student.id(), planBody(today().minusDays(1), 60)),
                    400,
                    "plan-infeasible",
                    "is in the past");
        }

        @Test
        void saysHowManyMinutesADayTheMaterialNeeds() throws Exception {
            Student student = studentWithDocument(6); // 6 x 14 = 84 minutes
            // 2 study days, no buffer: 84 / 2 = 42 minutes a day; at 10 a day: 11 days (2 kept as buffer, 9 x 10 >= 84)
            assertProblem(
                    send("POST", "/api/plans", student.id(), planBody(today().plusDays(2), 10)),
                    400,
                    "plan-infeasible",
                    "needs at least 42 minutes a day");
            HttpResponse<String> response = send("POST", "/api/plans", student.id(), planBody(today().plusDays(2), 10));
            assertThat(json.readTree(response.body()).get("detail").asString())
                    .contains("on " + today().plusDays(11) + " or later");
        }

        @Test
        void rejectsInvalidLimitsWithTheAllowedRange() throws Exception {
            Student student = studentWithDocument(1);
            assertProblem(
                    send("POST", "/api/plans", student.id(), planBody(today().plusDays(5), 5)),
                    400,
                    "validation",
                    "between 10 and 720");
            assertProblem(
                    send("POST", "/api/plans", student.id(), planBody(today().plusDays(400), 60)),
                    400,
                    "validation",
                    "at most 365 days");
            assertProblem(
                    send(
                            "POST",
                            "/api/plans",
                            student.id(),
                            "{\"examDate\":\"%s\",\"dailyMinutes\":60,\"timeZone\":\"Mars/Olympus\"}"
                                    .formatted(today().plusDays(5))),
                    400,
                    "validation",
                    "not a time zone");
            assertProblem(send("POST", "/api/plans", student.id(), "{\"dailyMinutes\":60}"), 400, "validation", null);
        }

        @Test
        void saysSoWhenThereIsNothingToPlanYet() throws Exception {
            assertProblem(
                    send("POST", "/api/plans", UUID.randomUUID(), planBody(today().plusDays(5), 60)),
                    422,
                    "no-material",
                    "no processed documents");
            Student student = studentWithDocument(1);
            assertProblem(
                    send(
                            "POST",
                            "/api/plans",
                            student.id(),
                            "{\"examDate\":\"%s\",\"dailyMinutes\":60,\"documentIds\":[\"%s\"]}"
                                    .formatted(today().plusDays(5), UUID.randomUUID())),
                    422,
                    "no-material",
                    "not ready or do not exist");
        }

        @Test
        void publishesTheOpenApiDocumentOfThePlansApi() throws Exception {
            HttpResponse<String> docs = send("GET", "/v3/api-docs", null, null);
            assertThat(docs.statusCode()).isEqualTo(200);
            JsonNode paths = json.readTree(docs.body()).get("paths");
            assertThat(paths.has("/api/plans")).isTrue();
            assertThat(paths.has("/api/plans/{id}/calendar.ics")).isTrue();
            assertThat(paths.has("/api/plans/{id}/sessions/{sessionId}/complete"))
                    .isTrue();
        }

        @Test
        void requiresAnAccessToken() throws Exception {
            assertProblem(send("GET", "/api/plans", null, null), 401, "unauthorized", null);
        }
    }
}
