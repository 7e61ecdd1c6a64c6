package io.studilo.gateway.routing;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.studilo.gateway.GatewayProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The public routes. Paths are forwarded unchanged to the service that owns them; each service is reached
 * through the load balancer ({@code lb://<service>}, instances from {@code studilo.gateway.services}), behind a
 * circuit breaker whose time limit bounds the whole call (retries included) and whose fallback is a
 * {@code 503} problem. Only idempotent methods are retried. Each service's OpenAPI document is published at
 * {@code /v3/api-docs/<service>} for the gateway's Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = StaticInstances.class)
class RouteConfiguration {

    /** Which public paths each service owns (API.md). */
    static final Map<String, List<String>> ROUTES = Map.of(
            "auth", List.of("/api/auth/**"),
            "ingestion", List.of("/api/documents/**"),
            "rag", List.of("/api/ask", "/api/search"),
            "exam", List.of("/api/exams/**", "/api/mastery", "/api/questions/**"),
            "planner", List.of("/api/plans/**"));

    @Bean
    RouteLocator studiloRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        ROUTES.forEach((service, paths) -> {
            requireConfigured(properties, service);
            routes.route(
                    service,
                    r -> r.path(paths.toArray(String[]::new))
                            .filters(f -> resilient(f, service, properties.resilience()))
                            .uri("lb://" + service));
            routes.route(
                    service + "-api-docs",
                    r -> r.path("/v3/api-docs/" + service)
                            .filters(f -> resilient(f.setPath("/v3/api-docs"), service, properties.resilience()))
                            .uri("lb://" + service));
        });
        return routes.build();
    }

    private static GatewayFilterSpec resilient(
            GatewayFilterSpec filters, String service, GatewayProperties.Resilience resilience) {
        // Listed first = outermost: the breaker's time limit covers every retry.
        return filters.circuitBreaker(
                        breaker -> breaker.setName(service).setFallbackUri("forward:/fallback/" + service))
                .retry(retry -> idempotentRetry(retry, resilience));
    }

    private static void idempotentRetry(RetryConfig retry, GatewayProperties.Resilience resilience) {
        retry.setRetries(resilience.retries())
                .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                .setSeries()
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                .setBackoff(resilience.firstBackoff(), resilience.maxBackoff(), 2, false);
    }

    private static void requireConfigured(GatewayProperties properties, String service) {
        if (!properties.services().containsKey(service)) {
            throw new IllegalStateException("studilo.gateway.services." + service + ".uris is not configured");
        }
    }

    /** One breaker per service; its time limit is the service's timeout. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(GatewayProperties properties) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(properties.resilience().breakerWindow())
                        .minimumNumberOfCalls(properties.resilience().breakerMinimumCalls())
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(properties.resilience().retryAfter())
                        // A full bulkhead is the gateway shedding load, not the service failing.
                        .ignoreExceptions(BulkheadFullException.class)
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build())
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(properties.timeoutFor(id))
                        .cancelRunningFuture(true)
                        .build())
                .build());
    }

    /**
     * One bulkhead per service: at most {@code max-concurrent-calls} in flight. (Spring Cloud CircuitBreaker puts
     * one in front of every breaker; its default of 25 would refuse a modest burst.)
     */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> bulkheadDefaults(GatewayProperties properties) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom()
                        .maxConcurrentCalls(properties.resilience().maxConcurrentCalls())
                        .maxWaitDuration(Duration.ZERO)
                        .build())
                .build());
    }
}
