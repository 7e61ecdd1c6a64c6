package io.studilo.gateway.web;

import io.studilo.gateway.GatewayProperties;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself raises leaves as {@code application/problem+json}: an unknown route is a
 * {@code 404}, an unreachable or too slow service a {@code 503} with {@code Retry-After}, anything unexpected a
 * {@code 500} that never echoes the exception's message. Runs before Boot's default handler.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final GatewayProperties properties;

    ProblemErrorHandler(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ResponseStatusException status) {
            int code = status.getStatusCode().value();
            ProblemType type = ProblemType.forStatus(code);
            if (type == ProblemType.SERVICE_UNAVAILABLE) {
                return unavailable(exchange);
            }
            if (type == ProblemType.INTERNAL) {
                log.atError()
                        .addKeyValue(RequestIdFilter.LOG_KEY, RequestIdFilter.requestId(exchange))
                        .setCause(error)
                        .log("Gateway error on {}", exchange.getRequest().getPath());
                return Problems.write(exchange, type, "The gateway failed to handle the request.");
            }
            return Problems.write(exchange, type, detail(type));
        }
        if (error instanceof TimeoutException || error instanceof java.net.ConnectException) {
            return unavailable(exchange);
        }
        log.atError()
                .addKeyValue(RequestIdFilter.LOG_KEY, RequestIdFilter.requestId(exchange))
                .setCause(error)
                .log("Unexpected gateway error on {}", exchange.getRequest().getPath());
        return Problems.write(exchange, ProblemType.INTERNAL, "The gateway failed to handle the request.");
    }

    private Mono<Void> unavailable(ServerWebExchange exchange) {
        return Problems.write(
                exchange,
                ProblemType.SERVICE_UNAVAILABLE,
                "The service behind this route is not available; try again later.",
                properties.resilience().retryAfter());
    }

    private static String detail(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "No route or resource at this path.";
            case METHOD_NOT_ALLOWED -> "This method is not supported here.";
            case UNAUTHORIZED -> "A valid access token is required.";
            case FORBIDDEN -> "You may not do this.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case UNSUPPORTED_MEDIA_TYPE -> "This content type is not supported here.";
            case TOO_MANY_REQUESTS -> "Too many requests; slow down.";
            default -> HttpStatus.valueOf(type.status().value()).getReasonPhrase();
        };
    }
}
