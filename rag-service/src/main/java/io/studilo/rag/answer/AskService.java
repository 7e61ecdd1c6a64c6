package io.studilo.rag.answer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.studilo.rag.RagProperties;
import io.studilo.rag.corpus.CorpusVersions;
import io.studilo.rag.retrieval.Retriever;
import io.studilo.rag.retrieval.Retriever.Evidence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search and ask over the caller's notes. Answers are cached per owner, normalised question, document filter
 * and corpus version; the same key, hashed, is the response's ETag, so a client can revalidate without the
 * answer being computed again.
 */
public class AskService {

    static final String REFUSAL = "Your notes don't cover this. I couldn't find passages that answer the question,"
            + " so I won't guess. The closest passages are listed as related.";

    private static final Logger log = LoggerFactory.getLogger(AskService.class);

    private final Retriever retriever;
    private final RefusalPolicy refusal;
    private final ExtractiveAnswerer extractive;
    private final @Nullable LlmAnswerer llm;
    private final AnswerCache cache;
    private final CorpusVersions versions;
    private final RagProperties props;
    private final Timer retrievalTimer;
    private final Counter refusals;
    private final Counter answerHits;
    private final Counter answerMisses;

    public AskService(
            Retriever retriever,
            RefusalPolicy refusal,
            ExtractiveAnswerer extractive,
            @Nullable LlmAnswerer llm,
            AnswerCache cache,
            CorpusVersions versions,
            RagProperties props,
            MeterRegistry meters) {
        this.retriever = retriever;
        this.refusal = refusal;
        this.extractive = extractive;
        this.llm = llm;
        this.cache = cache;
        this.versions = versions;
        this.props = props;
        this.retrievalTimer = Timer.builder("studilo.rag.retrieval")
                .description("Multi-hop retrieval latency")
                .publishPercentileHistogram()
                .register(meters);
        this.refusals = Counter.builder("studilo.rag.refusals")
                .description("Questions answered with grounded:false")
                .register(meters);
        this.answerHits = Counter.builder("studilo.rag.cache")
                .tag("cache", "answer")
                .tag("result", "hit")
                .register(meters);
        this.answerMisses = Counter.builder("studilo.rag.cache")
                .tag("cache", "answer")
                .tag("result", "miss")
                .register(meters);
    }

    /** Ranked passages for a query (multi-hop, diversified). */
    public List<Citation> search(UUID ownerId, String query, Set<UUID> documentIds, int limit) {
        Evidence evidence = retrievalTimer.record(() -> retriever.retrieve(ownerId, query, documentIds, limit, false));
        return evidence.passages().stream()
                .map(p -> ExtractiveAnswerer.citation(p, props.answer().snippetLength()))
                .toList();
    }

    /**
     * The cache key (and ETag) of a question for the owner's current corpus, or null when the version store is
     * unreachable (then nothing is cached).
     */
    public @Nullable String cacheKey(UUID ownerId, String question, Set<UUID> documentIds) {
        if (!props.cache().answers()) {
            return null;
        }
        long version;
        try {
            version = versions.current(ownerId);
        } catch (RuntimeException e) {
            log.warn("corpus version unavailable, answering without cache", e);
            return null;
        }
        String filter = documentIds.stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
        String mode = llm == null ? "extractive" : "llm";
        return ownerId + ":" + version + ":" + sha256(normalise(question) + "\n" + filter + "\n" + mode);
    }

    public Answer ask(UUID ownerId, String question, Set<UUID> documentIds, @Nullable String cacheKey) {
        if (cacheKey != null) {
            Optional<Answer> cached = cache.get(cacheKey);
            if (cached.isPresent()) {
                answerHits.increment();
                return cached.get();
            }
            answerMisses.increment();
        }
        Answer answer = answer(ownerId, question, documentIds);
        if (cacheKey != null) {
            cache.put(cacheKey, answer);
        }
        return answer;
    }

    private Answer answer(UUID ownerId, String question, Set<UUID> documentIds) {
        Evidence evidence =
                retrieve(ownerId, question, documentIds, props.retrieval().evidencePassages());
        if (!refusal.supports(evidence)) {
            refusals.increment();
            List<Citation> related = evidence.passages().stream()
                    .limit(props.refusal().relatedPassages())
                    .map(p -> ExtractiveAnswerer.citation(p, props.answer().snippetLength()))
                    .toList();
            return Answer.refused(REFUSAL, related);
        }
        if (llm != null) {
            Optional<Answer> generated = llm.answer(question, evidence);
            if (generated.isPresent()) {
                return generated.get();
            }
        }
        return extractive.answer(evidence);
    }

    private Evidence retrieve(UUID ownerId, String query, Set<UUID> documentIds, int limit) {
        return retrievalTimer.record(() -> retriever.retrieve(ownerId, query, documentIds, limit));
    }

    static String normalise(String question) {
        return question.toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{Punct}&&[^'-]]", " ")
                .replaceAll("\\s+", " ")
                .trim();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
