package io.studilo.bench.ingestion;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes generated broken and hostile files ({@link HostileInputs}) through a running stack's public API, one
 * at a time: register and log in through the gateway, upload, wait for READY or FAILED, check the ingestion
 * service's health, delete the document. Every input must be refused with a 413/415/422 problem, or end
 * FAILED with a reason a student can read, or READY with chunks, within the time limit, and the service must
 * stay healthy. Anything else is a finding, listed at the end; the exit code is the number of findings
 * (capped at 100).
 *
 * <pre>
 * java -cp $CP io.studilo.bench.ingestion.IngestionFuzzBench [--gateway URL] [--health URL] [--seeds DIR]...
 *     [--extra DIR] [--only REGEX] [--timeout SECONDS] [--seed N] [--out FILE] [--list]
 * </pre>
 */
public final class IngestionFuzzBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    /** What a reason shown to a student must not look like: a stack trace, a class name, a raw message. */
    private static final Pattern TECHNICAL =
            Pattern.compile("Exception|Error:|java\\.|org\\.|\\bnull\\b|\\bat [a-z]+\\.|\\$|COSObject|Stream");

    /** JobProcessor's reasons for an OutOfMemoryError/StackOverflowError and for an unexpected exception. */
    private static final java.util.Set<String> CATCH_ALL =
            java.util.Set.of("This document is too complex to process.", "This document could not be processed.");

    private final String gateway;
    private final String health;
    private final Duration timeout;
    private String token;
    private final String email = "fuzz-" + UUID.randomUUID() + "@example.org";
    private final String password = "fuzz passphrase " + UUID.randomUUID();

    private IngestionFuzzBench(String gateway, String health, Duration timeout) {
        this.gateway = gateway;
        this.health = health;
        this.timeout = timeout;
    }

    record Outcome(
            HostileInputs.Case input,
            int bytes,
            int httpStatus,
            String result,
            String detail,
            double seconds,
            boolean healthy,
            String finding) {}

    public static void main(String[] args) throws Exception {
        int offset = Integer.parseInt(System.getenv().getOrDefault("STUDILO_PORT_OFFSET", "0"));
        String gateway = "http://127.0.0.1:" + (8080 + offset);
        String health = "http://127.0.0.1:" + (9082 + offset) + "/actuator/health";
        List<Path> seeds = new ArrayList<>();
        Path extra = null;
        Pattern only = null;
        long seed = 1;
        Duration timeout = Duration.ofMinutes(11);
        Path out = Path.of("bench/target/ingestion-fuzz/results.tsv");
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway" -> gateway = args[++i];
                case "--health" -> health = args[++i];
                case "--seeds" -> seeds.addAll(HostileInputs.pdfsIn(Path.of(args[++i])));
                case "--extra" -> extra = Path.of(args[++i]);
                case "--only" -> only = Pattern.compile(args[++i]);
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--list" -> list = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<HostileInputs.Case> cases = new ArrayList<>(new HostileInputs(seed, seeds).all());
        if (extra != null) {
            cases.addAll(extraFiles(extra));
        }
        if (only != null) {
            Pattern filter = only;
            cases.removeIf(c -> !filter.matcher(c.family() + "/" + c.name()).find());
        }
        if (list) {
            cases.forEach(c -> System.out.println(c.family() + "/" + c.name()));
            return;
        }
        IngestionFuzzBench bench = new IngestionFuzzBench(gateway, health, timeout);
        bench.register();
        Files.createDirectories(out.toAbsolutePath().getParent());
        List<Outcome> outcomes = new ArrayList<>();
        try (PrintStream tsv = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
            tsv.println("family\tname\tbytes\thttp\tresult\tseconds\thealthy\tfinding\tdetail");
            int n = 0;
            for (HostileInputs.Case c : cases) {
                Outcome o = bench.run(c);
                outcomes.add(o);
                tsv.printf(
                        "%s\t%s\t%d\t%d\t%s\t%.2f\t%s\t%s\t%s%n",
                        c.family(),
                        c.name(),
                        o.bytes(),
                        o.httpStatus(),
                        o.result(),
                        o.seconds(),
                        o.healthy(),
                        o.finding(),
                        o.detail().replace('\t', ' ').replace('\n', ' '));
                System.out.printf(
                        "[%d/%d] %-10s %-45s %7d B  %3d %-8s %6.1fs %s%s%n",
                        ++n,
                        cases.size(),
                        c.family(),
                        clip(c.name(), 45),
                        o.bytes(),
                        o.httpStatus(),
                        o.result(),
                        o.seconds(),
                        clip(o.detail(), 70),
                        o.finding().isEmpty() ? "" : "   <-- " + o.finding());
            }
        }
        String leftover = bench.leftover();
        summary(outcomes, leftover, out);
        long findings = outcomes.stream().filter(o -> !o.finding().isEmpty()).count() + (leftover.isEmpty() ? 0 : 1);
        System.exit((int) Math.min(100, findings));
    }

    private Outcome run(HostileInputs.Case c) throws Exception {
        byte[] content;
        try {
            content = c.content().get();
        } catch (RuntimeException e) {
            return new Outcome(c, 0, 0, "SKIPPED", "generator: " + e, 0, true, "");
        }
        long start = System.nanoTime();
        HttpResponse<String> reply;
        try {
            reply = upload(c.fileName(), content);
        } catch (IOException e) {
            boolean healthy = healthy();
            return new Outcome(
                    c,
                    content.length,
                    0,
                    "NO-ANSWER",
                    e.toString(),
                    secondsSince(start),
                    healthy,
                    "upload got no answer");
        }
        int status = reply.statusCode();
        String type = reply.headers().firstValue("Content-Type").orElse("");
        if (status != 202) {
            String detail = problemDetail(reply.body());
            String finding = "";
            if (status != 413 && status != 415 && status != 422) {
                finding = "upload answered " + status;
            } else if (!type.startsWith("application/problem+json")) {
                finding = "rejection is not problem+json (" + type + ")";
            }
            boolean healthy = healthy();
            return new Outcome(
                    c,
                    content.length,
                    status,
                    "REJECTED",
                    detail,
                    secondsSince(start),
                    healthy,
                    healthy ? finding : join(finding, "service unhealthy"));
        }
        JsonNode document = JSON.readTree(reply.body());
        UUID id = UUID.fromString(document.get("id").asString());
        String nameFinding = c.family().equals("filename")
                ? checkFileName(document.get("fileName").asString())
                : "";
        JsonNode last = document;
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            last = get("/api/documents/" + id);
            String s = last.get("status").asString();
            if (s.equals("READY") || s.equals("FAILED")) {
                break;
            }
            Thread.sleep(300);
        }
        double seconds = secondsSince(start);
        boolean healthy = healthy();
        String s = last.get("status").asString();
        String finding = nameFinding;
        String detail;
        switch (s) {
            case "READY" -> {
                int chunks = last.path("chunkCount").asInt();
                detail = last.path("pageCount").asInt() + " pages, "
                        + last.path("ocrPages").asInt() + " OCR, " + chunks + " chunks";
                if (chunks <= 0) {
                    finding = join(finding, "READY without chunks");
                }
            }
            case "FAILED" -> {
                detail = last.path("error").asString("");
                if (detail.isBlank() || TECHNICAL.matcher(detail).find()) {
                    finding = join(finding, "FAILED reason is not for a student");
                } else if (CATCH_ALL.contains(detail)) {
                    // The worker's last-resort reasons: an Error (heap, stack) or an unexpected exception got
                    // that far, which a general bound should have stopped earlier.
                    finding = join(finding, "caught only by the worker's last resort");
                }
            }
            default -> {
                detail = "still " + s + " after " + timeout.toSeconds() + " s";
                finding = join(finding, "not finished in time");
            }
        }
        if (!healthy) {
            finding = join(finding, "service unhealthy");
        }
        delete(id);
        return new Outcome(c, content.length, status, s, detail, seconds, healthy, finding);
    }

    private static String checkFileName(String shown) {
        boolean bad = shown.contains("/")
                || shown.contains("\\")
                || shown.contains("..")
                || shown.codePoints().anyMatch(Character::isISOControl)
                || shown.length() > 255
                || shown.isBlank();
        return bad ? "file name shown as " + HostileInputs.printable(shown) : "";
    }

    private static List<HostileInputs.Case> extraFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(p -> new HostileInputs.Case(
                            "extra", p.getFileName().toString(), p.getFileName().toString(), () -> {
                                try {
                                    return Files.readAllBytes(p);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }))
                    .toList();
        }
    }

    /** Documents of this run's student still QUEUED or PROCESSING (there should be none). */
    private String leftover() throws Exception {
        JsonNode all = get("/api/documents");
        List<String> open = new ArrayList<>();
        for (JsonNode d : all) {
            String s = d.get("status").asString();
            if (s.equals("QUEUED") || s.equals("PROCESSING")) {
                open.add(d.get("id").asString() + " " + s);
            }
        }
        return String.join(", ", open);
    }

    private static void summary(List<Outcome> outcomes, String leftover, Path out) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Outcome o : outcomes) {
            counts.computeIfAbsent(o.input().family(), f -> new TreeMap<>()).merge(o.result(), 1, Integer::sum);
        }
        System.out.println();
        System.out.println("family       inputs  REJECTED  READY  FAILED  other  findings  median s  max s");
        for (var e : counts.entrySet()) {
            List<Outcome> of = outcomes.stream()
                    .filter(o -> o.input().family().equals(e.getKey()))
                    .toList();
            Map<String, Integer> c = e.getValue();
            int other = of.size()
                    - c.getOrDefault("REJECTED", 0)
                    - c.getOrDefault("READY", 0)
                    - c.getOrDefault("FAILED", 0);
            double[] secs = of.stream().mapToDouble(Outcome::seconds).sorted().toArray();
            System.out.printf(
                    "%-12s %6d  %8d  %5d  %6d  %5d  %8d  %8.1f  %5.1f%n",
                    e.getKey(),
                    of.size(),
                    c.getOrDefault("REJECTED", 0),
                    c.getOrDefault("READY", 0),
                    c.getOrDefault("FAILED", 0),
                    other,
                    of.stream().filter(o -> !o.finding().isEmpty()).count(),
                    secs[secs.length / 2],
                    secs[secs.length - 1]);
        }
        double total = outcomes.stream().mapToDouble(Outcome::seconds).sum();
        System.out.printf(
                "%d inputs in %.0f s (mean %.1f s per input)%n",
                outcomes.size(), total, total / Math.max(1, outcomes.size()));
        List<Outcome> findings =
                outcomes.stream().filter(o -> !o.finding().isEmpty()).toList();
        System.out.println(findings.size() + " findings" + (findings.isEmpty() ? "" : ":"));
        for (Outcome o : findings) {
            System.out.println("  " + o.input().family() + "/" + o.input().name() + ": " + o.finding() + " ("
                    + clip(o.detail(), 120) + ")");
        }
        System.out.println(leftover.isEmpty() ? "no document left QUEUED/PROCESSING" : "LEFT OPEN: " + leftover);
        System.out.println("results: " + out.toAbsolutePath());
    }

    // ---------------------------------------------------------------- HTTP

    private void register() throws Exception {
        HttpResponse<String> r = json(
                "POST",
                "/api/auth/register",
                Map.of("email", email, "password", password, "displayName", "Fuzz"),
                null);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("register answered " + r.statusCode() + ": " + r.body());
        }
        login();
    }

    private void login() throws Exception {
        HttpResponse<String> r = json("POST", "/api/auth/login", Map.of("email", email, "password", password), null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login answered " + r.statusCode() + ": " + r.body());
        }
        token = JSON.readTree(r.body()).get("accessToken").asString();
    }

    private HttpResponse<String> upload(String fileName, byte[] content) throws Exception {
        for (int attempt = 0; ; attempt++) {
            String boundary = "fuzz-" + UUID.randomUUID();
            // The name goes into the header as raw UTF-8 (as browsers send it); only quotes and line breaks
            // are escaped, the way the HTML form encoding does, so the multipart framing stays intact.
            String name = fileName.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/documents"))
                            .timeout(Duration.ofSeconds(120))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 && attempt == 0) {
                login();
            } else if (r.statusCode() == 429 && attempt < 20) {
                Thread.sleep(1000L * r.headers().firstValueAsLong("Retry-After").orElse(1));
            } else {
                return r;
            }
        }
    }

    private JsonNode get(String path) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = json("GET", path, null, token);
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            if (r.statusCode() == 401 && attempt < 2) {
                login();
            } else if ((r.statusCode() == 429 || r.statusCode() >= 500) && attempt < 20) {
                Thread.sleep(1000);
            } else {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }

    private void delete(UUID id) throws Exception {
        HttpResponse<String> r = json("DELETE", "/api/documents/" + id, null, token);
        if (r.statusCode() == 401) {
            login();
            r = json("DELETE", "/api/documents/" + id, null, token);
        }
        if (r.statusCode() != 204) {
            System.out.println("  (delete of " + id + " answered " + r.statusCode() + ")");
        }
    }

    private HttpResponse<String> json(String method, String path, Object body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The service answers its health endpoint UP within 10 s (it may be busy with a heavy document). */
    private boolean healthy() {
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(
                        HttpRequest.newBuilder(URI.create(health))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return true;
                }
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String problemDetail(String body) {
        try {
            JsonNode p = JSON.readTree(body);
            return p.path("detail").asString(p.path("title").asString(body));
        } catch (RuntimeException e) {
            return clip(body, 100);
        }
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
