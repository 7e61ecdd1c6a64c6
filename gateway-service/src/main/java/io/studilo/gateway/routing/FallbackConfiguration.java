package io.studilo.gateway.routing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.studilo.gateway.GatewayProperties;
import io.studilo.gateway.web.ProblemType;
import io.studilo.gateway.web.Problems;
import io.studilo.gateway.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker forwards when its service is down, too slow or the breaker is open: a
 * {@code 503} problem with {@code Retry-After}. Asked for directly from outside it is a {@code 404}.
 */
@Configuration(proxyBeanMethods = false)
class FallbackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FallbackConfiguration.class);

    @Bean
    RouterFunction<ServerResponse> circuitBreakerFallback(GatewayProperties properties) {
        return RouterFunctions.route(RequestPredicates.path("/fallback/{service}"), request -> {
            Throwable cause =
                    request.exchange().getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
            // A breaker's forward always carries the exception that made it fall back.
            if (cause == null) {
                // Asked for directly, not forwarded by a breaker: there is nothing here.
                return Problems.write(request.exchange(), ProblemType.NOT_FOUND, "No route or resource at this path.")
                        .then(Mono.empty());
            }
            String service = request.pathVariable("service");
            if (cause instanceof CallNotPermittedException) {
                // The breaker is open: already logged when it opened, not once per refused call.
                log.debug("{} breaker open", service);
            } else {
                log.atWarn()
                        .addKeyValue(RequestIdFilter.LOG_KEY, RequestIdFilter.requestId(request.exchange()))
                        .log("{} unavailable: {}", service, cause.toString());
            }
            return Problems.write(
                            request.exchange(),
                            ProblemType.SERVICE_UNAVAILABLE,
                            "The " + service + " service is not available right now; try again later.",
                            properties.resilience().retryAfter())
                    .then(Mono.empty());
        });
    }
}
