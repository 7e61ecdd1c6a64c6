package io.studilo.rag.answer;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.rag.RagProperties;
import io.studilo.rag.corpus.CorpusVersions;
import io.studilo.rag.retrieval.Knowledge;
import io.studilo.rag.retrieval.Retriever;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.ObjectMapper;

/** Answering: extractive by default; the LLM client only when {@code studilo.rag.llm.base-url} is set. */
@Configuration(proxyBeanMethods = false)
public class AnswerConfiguration {

    public static final String LLM_BREAKER = "llm";

    @Bean
    AnswerCache answerCache(StringRedisTemplate redis, ObjectMapper json, RagProperties props) {
        return new AnswerCache(
                redis, json, props.cache().keyPrefix(), props.cache().answerTtl());
    }

    @Bean
    public AskService askService(
            Retriever retriever,
            AnswerCache cache,
            CorpusVersions versions,
            ObjectProvider<LlmAnswerer> llm,
            RagProperties props,
            MeterRegistry meters) {
        return new AskService(
                retriever,
                new RefusalPolicy(props.refusal()),
                new ExtractiveAnswerer(props.answer(), props.retrieval().evidencePassages()),
                llm.getIfAvailable(),
                cache,
                versions,
                props,
                meters);
    }

    @Bean
    @ConditionalOnExpression("!'${studilo.rag.llm.base-url:}'.isBlank()")
    LlmAnswerer llmAnswerer(
            RagProperties props, Knowledge knowledge, CircuitBreakerRegistry registry, MeterRegistry meters) {
        RagProperties.Llm llm = props.llm();
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl(llm.baseUrl())
                .apiKey(llm.apiKey())
                .modelName(llm.model())
                .timeout(llm.timeout())
                .maxRetries(0)
                .temperature(0.0)
                .maxTokens(llm.maxTokens())
                .build();
        Retry retry = Retry.of(
                LLM_BREAKER,
                RetryConfig.custom()
                        .maxAttempts(llm.maxAttempts())
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(llm.backoff(), 2.0))
                        .build());
        return new LlmAnswerer(
                model,
                new ClaimCheck(knowledge, llm.minSupport(), llm.minTermOverlap()),
                registry.circuitBreaker(
                        LLM_BREAKER,
                        CircuitBreakerConfig.custom()
                                .failureRateThreshold(50)
                                .slidingWindowSize(10)
                                .minimumNumberOfCalls(5)
                                .waitDurationInOpenState(props.resilience().openFor())
                                .build()),
                retry,
                template("prompts/grounded-answer.txt"),
                props,
                meters);
    }

    static String template(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("prompt template " + path + " missing", e);
        }
    }
}
