package io.studilo.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.studilo.common.contracts.DocumentReady;
import io.studilo.common.contracts.Exchanges;
import io.studilo.planner.plan.SchedulerBenchmark;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
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
 * Benchmark, run by hand (bench/planner/run.sh; never part of the build: the name matches neither *Test nor *IT):
 * how long it takes to generate a plan for 300 sections over 120 days, (1) the scheduler alone and (2) the whole
 * {@code POST /api/plans} (validation, sections and memory from PostgreSQL, FSRS, layout, storing every session,
 * the JSON answer), plus (3) a re-plan triggered by completing a session. Results go to stdout and to
 * {@code target/bench/plan-generation.txt}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "studilo.planner.messaging.document-ready-queue=studilo.planner-bench.document-ready",
            "studilo.planner.messaging.document-deleted-queue=studilo.planner-bench.document-deleted",
            "studilo.planner.messaging.exam-graded-queue=studilo.planner-bench.exam-graded",
            "studilo.planner.limits.max-plans-per-owner=10000",
            "management.server.port=0",
            "logging.level.io.studilo.planner=WARN"
        })
class PlanGenerationBench {

    static final int SECTIONS = 300;
    static final int DAYS = 120;
    static final int DAILY_MINUTES = 90;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        LocalServers.registerPostgres(registry);
        LocalServers.registerRabbitmq(registry);
        TestTokens.shared().register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void planGenerationFor300SectionsOver120Days() throws Exception {
        List<String> report = new ArrayList<>();
        report.add("Plan generation: %d sections, %d days, %d minutes a day (%s, %d cores)"
                .formatted(
                        SECTIONS,
                        DAYS,
                        DAILY_MINUTES,
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors()));

        // 1. The scheduler alone (in-process, after JIT warm-up).
        SchedulerBenchmark.Result scheduler = SchedulerBenchmark.run(SECTIONS, DAYS, DAILY_MINUTES, 300, 2000);
        report.add("scheduler only:    %s (%d sessions per plan)".formatted(scheduler.summary(), scheduler.sessions()));

        // 2. POST /api/plans end to end.
        UUID owner = UUID.randomUUID();
        publishDocument(owner);
        HttpClient http = HttpClient.newHttpClient();
        JsonMapper json = JsonMapper.builder().build();
        String token = TestTokens.shared().token(owner, Duration.ofHours(1));
        String body = "{\"examDate\":\"%s\",\"dailyMinutes\":%d}"
                .formatted(LocalDate.now(ZoneOffset.UTC).plusDays(DAYS), DAILY_MINUTES);
        List<String> planIds = new ArrayList<>();
        int sessions = 0;
        for (int i = 0; i < 10; i++) {
            post(http, "/api/plans", token, body); // warm-up
        }
        long[] create = new long[50];
        for (int i = 0; i < create.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = post(http, "/api/plans", token, body);
            create[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode plan = json.readTree(response.body());
            planIds.add(plan.get("id").asString());
            sessions = plan.get("sessions").size();
        }
        report.add("POST /api/plans:   %s (%d sessions stored and returned)".formatted(summary(create), sessions));

        // 3. Completing a session re-plans the whole future of the plan.
        long[] replan = new long[30];
        for (int i = 0; i < replan.length; i++) {
            String planId = planIds.get(i);
            String firstSession = jdbc.sql(
                            "SELECT id::text FROM planner.session WHERE plan_id = :p ORDER BY day, position LIMIT 1")
                    .param("p", UUID.fromString(planId))
                    .query(String.class)
                    .single();
            long start = System.nanoTime();
            HttpResponse<String> response =
                    post(http, "/api/plans/" + planId + "/sessions/" + firstSession + "/complete", token, null);
            replan[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        report.add("complete + re-plan: %s".formatted(summary(replan)));
        for (String trigger : List.of("create", "replan")) {
            Timer timer = meters.find("studilo.planner.plan.generation")
                    .tag("trigger", trigger)
                    .timer();
            if (timer != null) {
                report.add("  of which layout + storing sessions (%s, service timer): n=%d mean=%.2f ms max=%.2f ms"
                        .formatted(
                                trigger,
                                timer.count(),
                                timer.mean(TimeUnit.MILLISECONDS),
                                timer.max(TimeUnit.MILLISECONDS)));
            }
        }

        report.forEach(System.out::println);
        Path out = Path.of("target", "bench", "plan-generation.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);

        for (String table : List.of("plan", "memory", "document")) { // sections go with their document
            jdbc.sql("DELETE FROM planner." + table + " WHERE owner_id = :o")
                    .param("o", owner)
                    .update();
        }
    }

    private void publishDocument(UUID owner) {
        Random random = new Random(42);
        List<DocumentReady.Section> sections = new ArrayList<>();
        for (int i = 0; i < SECTIONS; i++) {
            sections.add(new DocumentReady.Section(
                    UUID.randomUUID(),
                    "Section " + (i + 1),
                    1 + random.nextInt(3),
                    i + 1,
                    i + 1 + random.nextInt(3),
                    i,
                    300 + random.nextInt(2500),
                    random.nextInt(8),
                    2 + random.nextInt(6)));
        }
        rabbit.convertAndSend(
                Exchanges.EVENTS,
                Exchanges.DOCUMENT_READY,
                new DocumentReady(UUID.randomUUID(), owner, UUID.randomUUID(), "Bench notes", sections, Instant.now()));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT count(*) FROM planner.section WHERE owner_id = :o")
                                .param("o", owner)
                                .query(Integer.class)
                                .single()
                        == SECTIONS);
    }

    private HttpResponse<String> post(HttpClient http, String path, String token, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return "n=%d mean=%.2f ms p50=%.2f ms p95=%.2f ms max=%.2f ms"
                .formatted(
                        sorted.length,
                        mean,
                        sorted[sorted.length / 2] / 1e6,
                        sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6,
                        sorted[sorted.length - 1] / 1e6);
    }
}
