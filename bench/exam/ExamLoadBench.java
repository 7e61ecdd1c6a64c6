import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.exam.ExamApplication;
import io.studilo.exam.question.Question;
import io.studilo.exam.question.QuestionBankService;
import io.studilo.exam.question.QuestionRepository;
import io.studilo.exam.question.QuestionType;
import io.studilo.testing.TestTokens;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load on the exam API (run by bench/exam/run.sh load): boots exam-service in-process against the local
 * PostgreSQL and RabbitMQ, gives each of N students their own notes (QASC facts) and bank, then has them all
 * take progressive exams at once and reports client-side p50/p95/p99 of GET next and POST answers. Also reports
 * bank generation time per 100 chunks inside the service (embedding, generation, validation and storage).
 */
public class ExamLoadBench {

    public static void main(String[] args) throws Exception {
        int students = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int examsPerStudent = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/qa/qasc_dev_split.json");
        Path index = Files.createTempDirectory("exam-bench-index");
        TestTokens tokens = TestTokens.start();
        ConfigurableApplicationContext app = null;
        try {
            app = new SpringApplicationBuilder(ExamApplication.class)
                    .run(
                            "--server.port=0",
                            "--management.server.port=0",
                            "--studilo.knowledge.index-dir=" + index,
                            "--studilo.knowledge.writer=true",
                            "--studilo.security.jwks-uri=" + tokens.jwksUri(),
                            "--logging.level.root=WARN");
            run(app, tokens, data, students, examsPerStudent);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        } finally {
            if (app != null) {
                app.close();
            }
            tokens.close();
            System.exit(0);
        }
    }

    static void run(ConfigurableApplicationContext app, TestTokens tokens, Path data, int students, int examsPerStudent)
            throws Exception {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        VectorIndex index = app.getBean(VectorIndex.class);
        EmbeddingModel model = app.getBean(EmbeddingModel.class);
        QuestionBankService banks = app.getBean(QuestionBankService.class);
        QuestionRepository questions = app.getBean(QuestionRepository.class);
        JsonMapper json = JsonMapper.builder().build();
        List<String> facts = facts(json, data);

        // Bank generation per 100 chunks: one student's whole notes.
        UUID big = UUID.randomUUID();
        UUID bigDocument = UUID.randomUUID();
        List<Chunk> all = chunks(big, bigDocument, facts);
        index.upsert(all, Embeddings.embedAll(model, all.stream().map(Chunk::text).toList()));
        long started = System.nanoTime();
        banks.generate(big, bigDocument, "QASC facts", null);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("bank generation in the service: %.2f s for %d chunks (%d questions) = %.2f s per 100 chunks%n",
                seconds, all.size(), questions.ofDocument(big, bigDocument).size(), seconds * 100 / all.size());

        // Each student: their own slice of the facts (10 chunks), bank generated up front.
        List<UUID> owners = new ArrayList<>();
        List<UUID> documents = new ArrayList<>();
        for (int s = 0; s < students; s++) {
            UUID owner = UUID.randomUUID();
            UUID document = UUID.randomUUID();
            int from = (s * 50) % Math.max(1, facts.size() - 50);
            List<Chunk> chunks = chunks(owner, document, facts.subList(from, from + 50));
            index.upsert(chunks, Embeddings.embedAll(model, chunks.stream().map(Chunk::text).toList()));
            banks.generate(owner, document, "QASC facts " + s, null);
            owners.add(owner);
            documents.add(document);
        }
        System.out.printf("%d students, %d progressive exams each (20 questions), all at once%n", students, examsPerStudent);

        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(students)).build();
        ConcurrentLinkedQueue<Long> nextNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> answerNanos = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(students);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wall = System.nanoTime();
        List<Future<Integer>> work = new ArrayList<>();
        for (int s = 0; s < students; s++) {
            UUID owner = owners.get(s);
            UUID document = documents.get(s);
            Random random = new Random(s);
            work.add(pool.submit(() -> {
                String bearer = "Bearer " + tokens.token(owner, java.time.Duration.ofHours(1));
                int answered = 0;
                for (int e = 0; e < examsPerStudent; e++) {
                    HttpResponse<String> created = send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/exams"))
                            .header("Authorization", bearer)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"documentIds\":[\"" + document
                                    + "\"],\"questionCount\":20,\"mode\":\"PROGRESSIVE\"}"))
                            .build());
                    String exam = json.readTree(created.body()).get("id").asText();
                    while (true) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> next = send(http, HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/exams/" + exam + "/next"))
                                .header("Authorization", bearer)
                                .build());
                        nextNanos.add(System.nanoTime() - t0);
                        if (next.statusCode() != 200) {
                            break;
                        }
                        UUID questionId = UUID.fromString(json.readTree(next.body()).get("questionId").asText());
                        Question q = questions.find(owner, questionId).orElseThrow();
                        String answer = random.nextDouble() < 0.7
                                ? (q.type() == QuestionType.SHORT_ANSWER ? q.passage() : q.answer())
                                : "no idea";
                        String body = json.writeValueAsString(Map.of("questionId", questionId, "answer", answer));
                        long t1 = System.nanoTime();
                        HttpResponse<String> graded = send(http, HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/exams/" + exam + "/answers"))
                                .header("Authorization", bearer)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build());
                        answerNanos.add(System.nanoTime() - t1);
                        if (graded.statusCode() != 200) {
                            throw new IllegalStateException("answer failed: " + graded.body());
                        }
                        answered++;
                    }
                }
                return answered;
            }));
        }
        int answers = 0;
        for (Future<Integer> f : work) {
            answers += f.get();
        }
        double elapsed = (System.nanoTime() - wall) / 1e9;
        pool.shutdown();
        double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        System.out.printf("%d answers in %.1f s (%.1f answers/s); process CPU %.1f ms per next+answer pair "
                        + "(server and client threads together; machine load average %.1f)%n",
                answers, elapsed, answers / elapsed, cpuMillis / answers, os.getSystemLoadAverage());
        report("GET  /api/exams/{id}/next   ", new ArrayList<>(nextNanos));
        report("POST /api/exams/{id}/answers", new ArrayList<>(answerNanos));
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static void report(String what, List<Long> nanos) {
        Collections.sort(nanos);
        System.out.printf("%s n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n", what, nanos.size(),
                pct(nanos, 0.50), pct(nanos, 0.95), pct(nanos, 0.99), nanos.get(nanos.size() - 1) / 1e6);
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    static List<String> facts(JsonMapper json, Path data) throws Exception {
        Set<String> facts = new LinkedHashSet<>();
        for (JsonNode item : json.readTree(Files.readString(data))) {
            facts.add(item.get("fact 1").asText().trim());
            facts.add(item.get("fact 2").asText().trim());
        }
        return new ArrayList<>(facts);
    }

    static List<Chunk> chunks(UUID owner, UUID document, List<String> facts) {
        List<Chunk> chunks = new ArrayList<>();
        UUID section = null;
        for (int i = 0, chunkIndex = 0; i < facts.size(); i += 5, chunkIndex++) {
            if (i % 20 == 0) {
                section = UUID.randomUUID();
            }
            String text = String.join(" ", facts.subList(i, Math.min(facts.size(), i + 5)));
            chunks.add(new Chunk(Chunk.idOf(document, chunkIndex), owner, document, "QASC facts", section,
                    "Facts " + (i / 20 + 1), chunkIndex / 2 + 1, chunkIndex / 2 + 1, chunkIndex, text));
        }
        return chunks;
    }
}
