package io.studilo.rag.answer;

import dev.langchain4j.model.chat.ChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.Retriever.Evidence;
import io.studilo.rag.retrieval.Retriever.Passage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional LLM answer: the model sees the numbered evidence passages and a template of numbered rules; its
 * reply is then claim-checked sentence by sentence. Unsupported sentences are dropped; if too little survives,
 * or the model is unreachable (timeouts, retries with backoff, circuit breaker {@code llm}), the caller falls
 * back to the extractive answer, never to an error.
 */
public class LlmAnswerer {

    private static final Logger log = LoggerFactory.getLogger(LlmAnswerer.class);

    private final ChatModel model;
    private final ClaimCheck claimCheck;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final String template;
    private final RagProperties props;
    private final MeterRegistry meters;

    public LlmAnswerer(
            ChatModel model,
            ClaimCheck claimCheck,
            CircuitBreaker breaker,
            Retry retry,
            String template,
            RagProperties props,
            MeterRegistry meters) {
        this.model = model;
        this.claimCheck = claimCheck;
        this.breaker = breaker;
        this.retry = retry;
        this.template = template;
        this.props = props;
        this.meters = meters;
    }

    public Optional<Answer> answer(String question, Evidence evidence) {
        List<Passage> passages = passages(evidence);
        StringBuilder numbered = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            numbered.append('[')
                    .append(i + 1)
                    .append("] ")
                    .append(passages.get(i)
                            .chunk()
                            .text()
                            .replaceAll("\\s+", " ")
                            .trim())
                    .append('\n');
        }
        String prompt = template.replace(
                        "{{maxSentences}}", Integer.toString(props.answer().maxSentences()))
                .replace("{{passages}}", numbered.toString().trim())
                .replace("{{question}}", question.replaceAll("\\s+", " ").trim());
        String reply;
        try {
            reply = breaker.executeSupplier(Retry.decorateSupplier(retry, () -> model.chat(prompt)));
        } catch (RuntimeException e) {
            log.warn("LLM unavailable, answering extractively: {}", e.toString());
            return fallback("outage");
        }
        if (reply == null || reply.isBlank() || reply.contains("NOT IN NOTES")) {
            return fallback("no-answer");
        }
        List<ClaimCheck.Claim> claims = ClaimCheck.claims(reply);
        List<String> texts = passages.stream().map(p -> p.chunk().text()).toList();
        Map<Integer, Integer> markers = new LinkedHashMap<>();
        List<Citation> citations = new ArrayList<>();
        StringBuilder answer = new StringBuilder();
        int kept = 0;
        for (ClaimCheck.Claim claim : claims) {
            int passage = claimCheck.supportingPassage(claim, texts);
            if (passage < 0) {
                log.info("claim check dropped an unsupported sentence");
                meters.counter("studilo.rag.llm.claims", "result", "dropped").increment();
                continue;
            }
            meters.counter("studilo.rag.llm.claims", "result", "kept").increment();
            kept++;
            Integer marker = markers.get(passage);
            if (marker == null) {
                marker = markers.size() + 1;
                markers.put(passage, marker);
                citations.add(ExtractiveAnswerer.citation(
                        passages.get(passage - 1), props.answer().snippetLength()));
            }
            if (!answer.isEmpty()) {
                answer.append(' ');
            }
            answer.append(Sentences.cite(claim.text(), marker));
        }
        if (kept == 0 || kept < props.llm().minSurviving() * claims.size()) {
            return fallback("claim-check");
        }
        return Optional.of(Answer.grounded(answer.toString(), citations));
    }

    private List<Passage> passages(Evidence evidence) {
        List<Passage> passages = new ArrayList<>(evidence.bestChain());
        for (Passage p : evidence.passages()) {
            if (passages.size() >= props.retrieval().evidencePassages()) {
                break;
            }
            if (passages.stream().noneMatch(q -> q.chunk().id().equals(p.chunk().id()))) {
                passages.add(p);
            }
        }
        return passages;
    }

    private Optional<Answer> fallback(String reason) {
        meters.counter("studilo.rag.llm.fallbacks", "reason", reason).increment();
        return Optional.empty();
    }
}
