package io.studilo.gateway.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem bodies; the one way the gateway answers an error it makes itself. */
public final class Problems {

    /** Exchange attribute: the request path as the client sent it (set by {@link RequestIdFilter}). */
    static final String ORIGINAL_PATH = Problems.class.getName() + ".originalPath";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    public static Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        return write(exchange, type, detail, null);
    }

    /** Writes the problem unless the response is already committed; {@code retryAfter} adds that header. */
    public static Mono<Void> write(
            ServerWebExchange exchange, ProblemType type, String detail, @Nullable Duration retryAfter) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(type.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(retryAfter))));
        }
        if (type == ProblemType.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        body.put("instance", originalPath(exchange));
        String requestId = RequestIdFilter.requestId(exchange);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        headers.setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /** The path the client asked for, also after an internal forward (the circuit-breaker fallback). */
    private static String originalPath(ServerWebExchange exchange) {
        String original = exchange.getAttribute(ORIGINAL_PATH);
        return original != null ? original : exchange.getRequest().getPath().value();
    }

    static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
