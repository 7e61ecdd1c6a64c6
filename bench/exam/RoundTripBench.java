import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Round-trip answerability (issue 5), through the public API of a running stack only: the QASC facts are
 * uploaded as one student's Markdown notes (a section per 20 facts, a fact per paragraph), the document's
 * question bank is read back as its Anki deck, and every question whose key is a term (multiple choice and
 * cloze: the blanked term) is asked to the RAG service (`POST /api/ask` with the question's prompt). An item
 * round-trips when the answer is grounded and contains the key. Short-answer items count when the grounded
 * answer contains their reference passage's sentence; true/false items have a truth value as key, so they are
 * not asked.
 *
 * <p>The strict short-answer criterion (the answer quotes the reference sentence) is reported alongside a
 * graded one: how the exam service itself grades a student who gives the RAG answer. Per section of the notes,
 * a fixed exam holding all the section's items is taken through the exams API; each short-answer prompt is
 * asked to the RAG service and its answer (citation markers removed) is submitted; the item counts when the
 * service marks it correct (the grader's pass mark). Other items of those exams are answered with a placeholder
 * and not counted.
 *
 * <p>Run against a stack the launcher started: {@code ./studilo up} then {@code bench/exam/run.sh roundtrip}
 * (GATEWAY_URL, default http://127.0.0.1:8080).
 */
public class RoundTripBench {

    enum Kind {
        MULTIPLE_CHOICE,
        CLOZE,
        SHORT_ANSWER,
        TRUE_FALSE
    }

    record Item(Kind kind, String prompt, String key) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/qa/qasc_dev_split.json");
        String gateway = System.getenv().getOrDefault("GATEWAY_URL", "http://127.0.0.1:8080");
        JsonNode items = JSON.readTree(Files.readString(data));
        Set<String> facts = new LinkedHashSet<>();
        for (JsonNode item : items) {
            facts.add(item.get("fact 1").asString().trim());
            facts.add(item.get("fact 2").asString().trim());
        }
        StringBuilder notes = new StringBuilder("# Science facts\n\n");
        int i = 0;
        for (String fact : facts) {
            if (i % 20 == 0) {
                notes.append("## Part ").append(i / 20 + 1).append("\n\n");
            }
            notes.append(fact).append("\n\n");
            i++;
        }

        String token = register(gateway);
        Instant start = Instant.now();
        UUID documentId = upload(gateway, token, notes.toString());
        awaitReady(gateway, token, documentId);
        String deck = get(gateway + "/api/questions/anki?documentId=" + documentId, token);
        System.out.printf(
                "notes: %d facts uploaded; READY and bank exported in %d s%n",
                facts.size(), Duration.between(start, Instant.now()).toSeconds());

        List<Item> bank = parse(deck);
        Map<Kind, int[]> byKind = new EnumMap<>(Kind.class); // [asked, grounded, with key]
        List<String> misses = new ArrayList<>();
        for (Item item : bank) {
            int[] counts = byKind.computeIfAbsent(item.kind(), k -> new int[3]);
            if (item.kind() == Kind.TRUE_FALSE) {
                continue;
            }
            counts[0]++;
            JsonNode answer = JSON.readTree(post(gateway + "/api/ask", token, Map.of("question", item.prompt())));
            String said = answer.get("answer").asString();
            if (!answer.get("grounded").asBoolean()) {
                misses.add("REFUSED  " + item.prompt() + "  [key: " + item.key() + "]");
                continue;
            }
            counts[1]++;
            if (normalise(said).contains(normalise(item.key()))) {
                counts[2]++;
            } else {
                misses.add("NO KEY   " + item.prompt() + "  [key: " + item.key() + "]\n           rag: "
                        + withoutMarkers(said));
            }
        }
        int asked = 0, withKey = 0;
        System.out.println();
        System.out.println("| question type | items | asked | grounded | answer contains the key |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<Kind, int[]> e : byKind.entrySet()) {
            int[] c = e.getValue();
            long total = bank.stream().filter(it -> it.kind() == e.getKey()).count();
            if (e.getKey() == Kind.TRUE_FALSE) {
                System.out.printf("| %s | %d | – (key is true/false) | | |%n", e.getKey(), total);
                continue;
            }
            asked += c[0];
            withKey += c[2];
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d | %.3f | %.3f |%n",
                    e.getKey(),
                    total,
                    c[0],
                    c[1] / (double) c[0],
                    c[2] / (double) c[0]);
        }
        System.out.printf(Locale.ROOT, "%nround-trip answerability: %d / %d = %.3f (target ≥ 0.95)%n", withKey, asked,
                withKey / (double) asked);

        // The graded criterion for short answers, through exam sessions (see the class comment).
        int[] graded = gradeShortAnswers(gateway, token, documentId, misses, false);
        int[] firstSentence = gradeShortAnswers(gateway, token, documentId, new ArrayList<>(), true);
        int[] shortAnswers = byKind.getOrDefault(Kind.SHORT_ANSWER, new int[3]);
        double meanScore = graded[0] == 0 ? 0 : graded[3] / 1000.0 / graded[0];
        System.out.printf(
                Locale.ROOT,
                "%nshort answers through exam sessions: %d served; the exam service's grader passes the RAG answer"
                        + " for %d = %.3f (mean score %.3f); strict (quotes the reference sentence) %d = %.3f%n",
                graded[0],
                graded[1],
                graded[1] / (double) Math.max(1, graded[0]),
                meanScore,
                graded[2],
                graded[2] / (double) Math.max(1, graded[0]));
        System.out.printf(
                Locale.ROOT,
                "diagnostic, the same with only the RAG answer's first (top-ranked) sentence submitted: %d / %d = %.3f"
                        + " (mean score %.3f)%n",
                firstSentence[1],
                firstSentence[0],
                firstSentence[1] / (double) Math.max(1, firstSentence[0]),
                firstSentence[0] == 0 ? 0 : firstSentence[3] / 1000.0 / firstSentence[0]);
        if (graded[0] == shortAnswers[0]) {
            int termHits = withKey - shortAnswers[2];
            System.out.printf(
                    Locale.ROOT,
                    "round-trip answerability, short answers graded by the exam service: %d / %d = %.3f"
                            + " (strict, above: %.3f)%n",
                    termHits + graded[1],
                    asked,
                    (termHits + graded[1]) / (double) asked,
                    withKey / (double) asked);
        } else {
            System.out.printf("(the sessions served %d short answers, the deck has %d: no combined figure)%n",
                    graded[0], shortAnswers[0]);
        }
        if (args.length > 1 && args[1].equals("--misses")) {
            misses.forEach(System.out::println);
        }
    }

    /**
     * Takes one fixed exam per section (large enough to hold all its items), answers every short-answer item
     * with what the RAG service says to its prompt (or, as a diagnostic, only the answer's first sentence), and
     * counts what the exam service marks correct.
     *
     * @return served short answers, passed, strict hits, sum of scores × 1000
     */
    static int[] gradeShortAnswers(
            String gateway, String token, UUID documentId, List<String> misses, boolean firstSentenceOnly)
            throws Exception {
        int[] out = new int[4];
        JsonNode document = JSON.readTree(get(gateway + "/api/documents/" + documentId, token));
        for (JsonNode section : document.get("sections")) {
            String sectionId = section.get("id").asString();
            JsonNode exam;
            try {
                exam = JSON.readTree(post(
                        gateway + "/api/exams",
                        token,
                        Map.of(
                                "documentIds", List.of(documentId.toString()),
                                "sectionIds", List.of(sectionId),
                                "questionCount", 50,
                                "mode", "FIXED")));
            } catch (IllegalStateException noQuestions) {
                continue; // a heading-only section has no items (422)
            }
            String examUrl = gateway + "/api/exams/" + exam.get("id").asString();
            for (String next = get(examUrl + "/next", token); !next.isBlank(); next = get(examUrl + "/next", token)) {
                JsonNode question = JSON.readTree(next);
                String questionId = question.get("questionId").asString();
                if (!question.get("type").asString().equals("SHORT_ANSWER")) {
                    post(examUrl + "/answers", token, Map.of("questionId", questionId, "answer", "(not answered)"));
                    continue;
                }
                String prompt = question.get("prompt").asString();
                JsonNode rag = JSON.readTree(post(gateway + "/api/ask", token, Map.of("question", prompt)));
                // A student writes the sentences, not the citation markers.
                String said = rag.get("answer").asString();
                String answer = withoutMarkers(firstSentenceOnly ? said.split("(?<=\\[\\d{1,3}])", 2)[0] : said);
                JsonNode result = JSON.readTree(
                        post(examUrl + "/answers", token, Map.of("questionId", questionId, "answer", answer)));
                out[0]++;
                out[3] += (int) Math.round(result.get("score").asDouble() * 1000);
                boolean passed = result.get("correct").asBoolean();
                if (passed) {
                    out[1]++;
                }
                String reference = firstSentence(result.get("expectedAnswer").asString());
                if (rag.get("grounded").asBoolean() && normalise(answer).contains(normalise(reference))) {
                    out[2]++;
                }
                if (!passed) {
                    misses.add(String.format(
                            Locale.ROOT,
                            "GRADED %.2f  %s  [reference: %s]%n           rag: %s",
                            result.get("score").asDouble(),
                            prompt,
                            reference,
                            answer));
                }
            }
        }
        return out;
    }

    private static String withoutMarkers(String answer) {
        return answer.replaceAll("\\s*\\[\\d+]", "").trim();
    }

    /** The deck's rows: front (prompt, options after the first line break) and back (key, then the citation). */
    static List<Item> parse(String deck) {
        List<Item> out = new ArrayList<>();
        for (String row : deck.split("\n")) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] fields = row.split("\t", 2);
            String front = fields[0];
            String back = fields[1];
            String prompt = unhtml(front.split("<br>", 2)[0]);
            String key = unhtml(back.split("<br>", 2)[0]);
            String passage = unhtml(back.substring(back.indexOf(":</i> ") + ":</i> ".length()));
            Kind kind;
            if (front.contains("<br>(true or false?)")) {
                kind = Kind.TRUE_FALSE;
            } else if (front.contains("<br>A) ")) {
                kind = Kind.MULTIPLE_CHOICE;
            } else if (key.equals(passage)) {
                kind = Kind.SHORT_ANSWER; // its back is the reference passage itself
            } else {
                kind = Kind.CLOZE;
            }
            out.add(new Item(kind, prompt, kind == Kind.SHORT_ANSWER ? firstSentence(passage) : key));
        }
        return out;
    }

    private static String firstSentence(String passage) {
        int end = passage.indexOf(". ");
        return end < 0 ? passage : passage.substring(0, end);
    }

    private static String unhtml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("\\[\\d+]", " ")
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .trim();
    }

    private static String register(String gateway) throws Exception {
        String email = "roundtrip-" + UUID.randomUUID() + "@studilo.test";
        String password = "Round-trip-" + UUID.randomUUID();
        post(gateway + "/api/auth/register", null, Map.of("email", email, "password", password, "displayName", "Bench"));
        return JSON.readTree(post(gateway + "/api/auth/login", null, Map.of("email", email, "password", password)))
                .get("accessToken")
                .asString();
    }

    private static UUID upload(String gateway, String token, String markdown) throws Exception {
        String boundary = "studilo-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"science-facts.md\"\r\n"
                + "Content-Type: text/markdown\r\n\r\n" + markdown + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/documents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return UUID.fromString(JSON.readTree(send(request)).get("id").asString());
    }

    private static void awaitReady(String gateway, String token, UUID documentId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            String status = JSON.readTree(get(gateway + "/api/documents/" + documentId, token))
                    .get("status")
                    .asString();
            if (status.equals("READY")) {
                return;
            }
            if (status.equals("FAILED")) {
                throw new IllegalStateException("ingestion failed for " + documentId);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("document " + documentId + " not READY in 10 minutes");
    }

    private static String get(String url, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private static String post(String url, String token, Map<String, ?> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Sends, waiting out the gateway's per-user rate limit (429 with Retry-After) as a polite client does. */
    private static String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        for (int attempt = 0; response.statusCode() == 429 && attempt < 20; attempt++) {
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Math.max(1, seconds) * 1000);
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    request.method() + " " + request.uri() + " → " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
