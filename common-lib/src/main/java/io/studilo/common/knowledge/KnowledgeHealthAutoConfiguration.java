package io.studilo.common.knowledge;

import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code vectorIndex} health component: UP while the index answers a count (a Lucene reader before the
 * writer's first commit is UP too), DOWN while it fails (e.g. Qdrant unreachable). It is not part of the
 * readiness group: a service without its index still answers with 503 problems rather than leaving the pool.
 */
@AutoConfiguration(after = KnowledgeAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(VectorIndex.class)
public class KnowledgeHealthAutoConfiguration {

    private static final UUID PROBE_OWNER = new UUID(0, 0);

    @Bean
    @ConditionalOnMissingBean(name = "vectorIndexHealthIndicator")
    HealthIndicator vectorIndexHealthIndicator(VectorIndex index) {
        String adapter = index.getClass().getSimpleName();
        return () -> {
            try {
                index.count(PROBE_OWNER);
                return Health.up().withDetail("adapter", adapter).build();
            } catch (RuntimeException e) {
                return Health.down()
                        .withDetail("adapter", adapter)
                        .withDetail("error", e.getClass().getSimpleName())
                        .build();
            }
        };
    }
}
