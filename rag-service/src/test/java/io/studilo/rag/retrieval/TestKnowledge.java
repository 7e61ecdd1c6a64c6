package io.studilo.rag.retrieval;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.studilo.common.knowledge.VectorIndex;
import java.time.Duration;
import java.util.concurrent.Executors;

/** A {@link Knowledge} for tests of what sits on top of it: a real index and model, guards that never trip. */
public final class TestKnowledge {

    private TestKnowledge() {}

    public static Knowledge over(VectorIndex index, EmbeddingModel model) {
        return new Knowledge(
                index,
                model,
                Caffeine.newBuilder().<String, float[]>build(),
                CircuitBreaker.ofDefaults("test-index"),
                TimeLimiter.of(Duration.ofSeconds(60)),
                Executors.newCachedThreadPool(),
                Duration.ofSeconds(1),
                new SimpleMeterRegistry());
    }
}
