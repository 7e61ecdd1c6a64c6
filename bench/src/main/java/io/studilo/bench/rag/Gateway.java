package io.studilo.bench.rag;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A student of a running stack, through the gateway's public API only: register, log in (again when the
 * access token expires), upload a document and wait until it is READY, then JSON calls. A 429 from the
 * gateway's rate limit is waited out (Retry-After), so a long run measures answers, not the limiter.
 */
final class Gateway {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;
    private final String email;
    private final String password;
    private String token;

    private Gateway(String baseUrl, String email, String password) throws Exception {
        this.baseUrl = baseUrl;
        this.email = email;
        this.password = password;
        this.token = login();
    }

    /** Registers a new student with a unique e-mail and logs in. */
    static Gateway newStudent(String baseUrl, String name) throws Exception {
        String email = "bench-" + name + "-" + UUID.randomUUID() + "@example.org";
        String password = "bench passphrase " + UUID.randomUUID();
        HttpResponse<String> registered = send(
                baseUrl,
                "POST",
                "/api/auth/register",
                null,
                Map.of("email", email, "password", password, "displayName", name));
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("register answered " + registered.statusCode() + ": " + registered.body());
        }
        return new Gateway(baseUrl, email, password);
    }

    private String login() throws Exception {
        HttpResponse<String> reply =
                send(baseUrl, "POST", "/api/auth/login", null, Map.of("email", email, "password", password));
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("login answered " + reply.statusCode() + ": " + reply.body());
        }
        return RagBench.JSON.readTree(reply.body()).get("accessToken").asString();
    }

    /** Uploads one file as multipart {@code file} + {@code title} and returns the document id. */
    UUID upload(String fileName, String title, byte[] content) throws Exception {
        String boundary = "bench-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + content.length + tail.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(content, 0, body, start.length, content.length);
        System.arraycopy(tail, 0, body, start.length + content.length, tail.length);
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/documents"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + reply.statusCode() + ": " + reply.body());
        }
        return UUID.fromString(RagBench.JSON.readTree(reply.body()).get("id").asString());
    }

    /** Polls the document until it is READY or FAILED (returns it either way) or the deadline passes (throws). */
    JsonNode awaitProcessed(UUID document, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode doc = call("GET", "/api/documents/" + document, null);
            String status = doc.get("status").asString();
            if (status.equals("READY") || status.equals("FAILED")) {
                return doc;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("document " + document + " not processed after " + timeout);
    }

    void delete(UUID document) throws Exception {
        HttpResponse<String> reply = send(baseUrl, "DELETE", "/api/documents/" + document, token, null);
        if (reply.statusCode() != 204) {
            throw new IllegalStateException("delete answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    JsonNode post(String path, Object body) throws Exception {
        return call("POST", path, body);
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> reply = send(baseUrl, method, path, token, body);
            if (reply.statusCode() == 200) {
                return RagBench.JSON.readTree(reply.body());
            }
            if (reply.statusCode() == 401 && attempt < 2) {
                token = login();
            } else if ((reply.statusCode() == 429 || reply.statusCode() == 503) && attempt < 20) {
                long seconds = reply.headers()
                        .firstValue("Retry-After")
                        .map(Long::parseLong)
                        .orElse(1L);
                Thread.sleep(Math.max(1, seconds) * 1000);
            } else {
                throw new IllegalStateException(
                        method + " " + path + " answered " + reply.statusCode() + ": " + reply.body());
            }
        }
    }

    private static HttpResponse<String> send(String baseUrl, String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(RagBench.JSON.writeValueAsString(body)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
