package io.studilo.common.logging;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence so any application.yml, environment variable or
 * Helm value overrides them: ECS JSON logs (readable console lines with {@code STUDILO_LOG_FORMAT=console}),
 * the management port's endpoints and health groups, latency histograms with SLO buckets, graceful shutdown,
 * and virtual threads where the JVM has them.
 */
public class StudiloDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (!"console".equalsIgnoreCase(environment.getProperty("STUDILO_LOG_FORMAT", "ecs"))) {
            defaults.put("logging.structured.format.console", "ecs");
        }
        defaults.put("logging.pattern.correlation", "[%X{requestId:-}] ");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.threads.virtual.enabled", Runtime.version().feature() >= 21);
        defaults.put("spring.jpa.open-in-view", false);
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", true);
        defaults.put("management.endpoint.health.show-details", "never");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", true);
        defaults.put("management.metrics.distribution.slo.http.server.requests", "50ms,100ms,250ms,500ms,1s,2s,5s");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("studilo.knowledge.index-dir", "${STUDILO_INDEX_DIR:.studilo/index}");
        environment.getPropertySources().addLast(new MapPropertySource("studiloDefaults", defaults));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
