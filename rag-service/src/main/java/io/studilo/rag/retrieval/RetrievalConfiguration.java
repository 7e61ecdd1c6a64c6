package io.studilo.rag.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.rag.RagProperties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The knowledge client (embedding cache, circuit breaker {@code vector-index}, time limit) and the retriever.
 * Resilience4j is used programmatically: its Spring Boot 3 starter does not target Boot 4.
 */
@Configuration(proxyBeanMethods = false)
public class RetrievalConfiguration {

    public static final String VECTOR_INDEX_BREAKER = "vector-index";

    @Bean
    public CircuitBreakerRegistry circuitBreakerRegistry(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    CircuitBreaker vectorIndexBreaker(CircuitBreakerRegistry registry, RagProperties props) {
        RagProperties.Resilience r = props.resilience();
        return registry.circuitBreaker(
                VECTOR_INDEX_BREAKER,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(r.failureRateThreshold())
                        .slidingWindowSize(r.slidingWindow())
                        .minimumNumberOfCalls(r.minimumCalls())
                        .waitDurationInOpenState(r.openFor())
                        .permittedNumberOfCallsInHalfOpenState(r.halfOpenCalls())
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService knowledgeExecutor() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "knowledge");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public Knowledge knowledge(
            VectorIndex index,
            EmbeddingModel model,
            CircuitBreakerRegistry registry,
            ExecutorService knowledgeExecutor,
            RagProperties props,
            MeterRegistry meters) {
        Cache<String, float[]> cache = Caffeine.newBuilder()
                .maximumSize(props.cache().embeddingEntries())
                .expireAfterAccess(props.cache().embeddingTtl())
                .build();
        return new Knowledge(
                index,
                model,
                cache,
                registry.circuitBreaker(VECTOR_INDEX_BREAKER),
                TimeLimiter.of(TimeLimiterConfig.custom()
                        .timeoutDuration(props.resilience().indexTimeout())
                        .cancelRunningFuture(true)
                        .build()),
                knowledgeExecutor,
                props.resilience().openFor(),
                meters);
    }

    /** Loads and runs the embedding model once at startup so the first question does not pay for it. */
    @Bean
    org.springframework.boot.ApplicationRunner warmUpEmbeddings(EmbeddingModel model) {
        return args -> model.embed("warm up");
    }

    @Bean
    public Retriever retriever(Knowledge knowledge, RagProperties props) {
        return new Retriever(knowledge, props.retrieval());
    }
}
