package io.studilo.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the running stack, through the gateway only (the public API, as the web and mobile apps use
 * it). The stack is started by {@code ./studilo up} in the pre-integration-test phase.
 */
final class Stack {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String GATEWAY = System.getProperty("studilo.gateway.url", "http://127.0.0.1:8180");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Stack() {}

    /** A JSON answer: status, headers and the parsed body (null when empty or not JSON). */
    record Reply(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }

    /** A registered, logged-in student. */
    record Student(String email, String password, String accessToken, String refreshToken) {}

    static Reply send(String method, String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return execute(request.build());
    }

    static Reply execute(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                parsed = JSON.readTree(text);
            }
            return new Reply(response.statusCode(), response, parsed);
        } catch (IOException e) {
            throw new IllegalStateException("gateway not reachable at " + GATEWAY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply get(String path, String token) {
        return send("GET", path, null, token);
    }

    static Reply post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    /** Registers a fresh student (unique e-mail) and logs in. */
    static Student newStudent() {
        String email = "e2e-" + UUID.randomUUID() + "@example.org";
        String password =
                "correct horse battery " + UUID.randomUUID().toString().substring(0, 8);
        Reply registered = post(
                "/api/auth/register", Map.of("email", email, "password", password, "displayName", "E2E Student"), null);
        if (registered.status() != 201) {
            throw new AssertionError("register failed: " + registered.status() + " "
                    + registered.raw().body());
        }
        Reply login = post("/api/auth/login", Map.of("email", email, "password", password), null);
        if (login.status() != 200) {
            throw new AssertionError(
                    "login failed: " + login.status() + " " + login.raw().body());
        }
        return new Student(
                email,
                password,
                login.body().get("accessToken").asString(),
                login.body().get("refreshToken").asString());
    }
}
