package io.studilo.rag.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.ScoredChunk;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.VectorIndex;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The vector-index breaker and time limit around index calls, and the query-embedding cache. */
class KnowledgeTest {

    final AtomicBoolean broken = new AtomicBoolean();
    final AtomicBoolean slow = new AtomicBoolean();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** A vector index that can be made to fail or hang (the failure we inject, not a stand-in for a result). */
    final VectorIndex index = new VectorIndex() {
        @Override
        public void upsert(List<Chunk> chunks, List<float[]> vectors) {}

        @Override
        public List<ScoredChunk> search(SearchQuery query) {
            if (broken.get()) {
                throw new IllegalStateException("index down");
            }
            if (slow.get()) {
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.of();
        }

        @Override
        public List<ScoredChunk> search(SearchQuery query, io.studilo.common.knowledge.Retrieval retrieval) {
            return search(query);
        }

        @Override
        public List<Chunk> chunks(UUID ownerId, UUID documentId, @Nullable UUID sectionId) {
            return List.of();
        }

        @Override
        public void deleteDocument(UUID ownerId, UUID documentId) {}

        @Override
        public long count(UUID ownerId) {
            return 0;
        }
    };

    int embedCalls;

    final EmbeddingModel model = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            embedCalls++;
            return Response.from(segments.stream()
                    .map(s -> Embedding.from(new float[] {s.text().length(), 1}))
                    .toList());
        }
    };

    final CircuitBreaker breaker = CircuitBreaker.of(
            "vector-index",
            CircuitBreakerConfig.custom()
                    .slidingWindowSize(4)
                    .minimumNumberOfCalls(4)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofMillis(300))
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .build());

    final Knowledge knowledge = new Knowledge(
            index,
            model,
            Caffeine.newBuilder().<String, float[]>build(),
            breaker,
            TimeLimiter.of(Duration.ofSeconds(1)),
            Executors.newCachedThreadPool(),
            Duration.ofSeconds(3),
            meters);

    SearchQuery query() {
        return SearchQuery.of(UUID.randomUUID(), "q", new float[] {1, 0}, 5);
    }

    @Test
    void breakerOpensAfterFailuresFailsFastAndRecovers() {
        broken.set(true);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> knowledge.search(query(), io.studilo.common.knowledge.Retrieval.DEFAULT))
                    .isInstanceOf(Knowledge.KnowledgeUnavailable.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        long start = System.nanoTime();
        assertThatThrownBy(() -> knowledge.search(query(), io.studilo.common.knowledge.Retrieval.DEFAULT))
                .isInstanceOf(Knowledge.KnowledgeUnavailable.class)
                .satisfies(e -> assertThat(((Knowledge.KnowledgeUnavailable) e).retryAfter())
                        .isEqualTo(Duration.ofSeconds(3)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));

        broken.set(false);
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> knowledge.search(query(), io.studilo.common.knowledge.Retrieval.DEFAULT) != null);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void slowIndexTimesOut() {
        slow.set(true);
        long start = System.nanoTime();
        assertThatThrownBy(() -> knowledge.search(query(), io.studilo.common.knowledge.Retrieval.DEFAULT))
                .isInstanceOf(Knowledge.KnowledgeUnavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void queryEmbeddingsAreCached() {
        float[] first = knowledge.embed("what is osmosis?");
        float[] second = knowledge.embed("what is osmosis?");
        assertThat(second).isEqualTo(first);
        assertThat(embedCalls).isEqualTo(1);
        assertThat(meters.counter("studilo.rag.cache", "cache", "embedding", "result", "hit")
                        .count())
                .isEqualTo(1);
    }
}
