package io.studilo.rag.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.ScoredChunk;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.VectorIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one client of the knowledge layer: query embeddings (cached in process) and index searches, both behind
 * the {@code vector-index} circuit breaker and a time limit. While the breaker is open every call fails at
 * once with {@link KnowledgeUnavailable}, which the web layer answers with 503 and Retry-After.
 */
public final class Knowledge {

    private final VectorIndex index;
    private final EmbeddingModel model;
    private final Cache<String, float[]> embeddings;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final ExecutorService executor;
    private final Duration retryAfter;
    private final Counter cacheHits;
    private final Counter cacheMisses;

    public Knowledge(
            VectorIndex index,
            EmbeddingModel model,
            Cache<String, float[]> embeddings,
            CircuitBreaker breaker,
            TimeLimiter limiter,
            ExecutorService executor,
            Duration retryAfter,
            MeterRegistry meters) {
        this.index = index;
        this.model = model;
        this.embeddings = embeddings;
        this.breaker = breaker;
        this.limiter = limiter;
        this.executor = executor;
        this.retryAfter = retryAfter;
        this.cacheHits = Counter.builder("studilo.rag.cache")
                .tag("cache", "embedding")
                .tag("result", "hit")
                .register(meters);
        this.cacheMisses = Counter.builder("studilo.rag.cache")
                .tag("cache", "embedding")
                .tag("result", "miss")
                .register(meters);
    }

    /** The embedding of one text, from the cache when we have seen it. */
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** Embeddings of several texts in one model call for the ones not cached yet. */
    public List<float[]> embedAll(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            vectors[i] = embeddings.getIfPresent(texts.get(i));
            if (vectors[i] == null) {
                missing.add(i);
            }
        }
        cacheHits.increment(texts.size() - missing.size());
        if (!missing.isEmpty()) {
            cacheMisses.increment(missing.size());
            List<TextSegment> segments =
                    missing.stream().map(i -> TextSegment.from(texts.get(i))).toList();
            var computed = guarded(() -> model.embedAll(segments).content());
            for (int j = 0; j < missing.size(); j++) {
                float[] vector = Embeddings.normalized(computed.get(j).vector());
                vectors[missing.get(j)] = vector;
                embeddings.put(texts.get(missing.get(j)), vector);
            }
        }
        return List.of(vectors);
    }

    public List<ScoredChunk> search(SearchQuery query, Retrieval fusion) {
        return guarded(() -> index.search(query, fusion));
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeCallable(
                    () -> limiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(call, executor)));
        } catch (CallNotPermittedException e) {
            throw new KnowledgeUnavailable(retryAfter, e);
        } catch (TimeoutException e) {
            throw new KnowledgeUnavailable(retryAfter, e);
        } catch (RuntimeException e) {
            throw new KnowledgeUnavailable(retryAfter, e);
        } catch (Exception e) {
            throw new KnowledgeUnavailable(retryAfter, e);
        }
    }

    /** The knowledge layer failed, timed out, or its breaker is open. */
    public static final class KnowledgeUnavailable extends RuntimeException {
        private final Duration retryAfter;

        KnowledgeUnavailable(Duration retryAfter, Throwable cause) {
            super("knowledge layer unavailable", cause);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    static float[] normalizedSum(float[] a, float[] b, double weightOfB) {
        float[] sum = new float[a.length];
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            sum[i] = (float) (a[i] + weightOfB * b[i]);
            norm += sum[i] * sum[i];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= (float) norm;
            }
        }
        return sum;
    }
}
