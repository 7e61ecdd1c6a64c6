package io.studilo.rag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.rag.RagProperties;
import io.studilo.rag.retrieval.InMemoryVectorIndex;
import io.studilo.rag.retrieval.Knowledge;
import io.studilo.rag.retrieval.Retriever;
import io.studilo.rag.retrieval.TestKnowledge;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.ObjectMapper;

/**
 * The LLM path against a local OpenAI-compatible stub server (the one third-party API we imitate): the claim
 * check keeps faithful sentences, drops hallucinated ones, falls back when too little survives, and an outage
 * (retries, then the {@code llm} breaker) ends in the extractive answer, never an error.
 */
class LlmAnswererTest {

    static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    static final UUID OWNER = UUID.randomUUID();
    static HttpServer server;
    static final AtomicReference<String> reply = new AtomicReference<>("");
    static final AtomicInteger status = new AtomicInteger(200);
    static final AtomicInteger requests = new AtomicInteger();
    static Knowledge knowledge;
    static Retriever retriever;
    static RagProperties props;

    SimpleMeterRegistry meters;
    CircuitBreaker breaker;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            requests.incrementAndGet();
            String prompt = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // The stub cites like a model would: "[#Word]" becomes the number the prompt gave the passage
            // starting with Word.
            java.util.regex.Matcher ref =
                    java.util.regex.Pattern.compile("\\[#(\\w+)]").matcher(reply.get());
            StringBuilder content = new StringBuilder();
            while (ref.find()) {
                java.util.regex.Matcher n = java.util.regex.Pattern.compile("\\[(\\d+)] " + ref.group(1))
                        .matcher(prompt);
                ref.appendReplacement(content, n.find() ? "[" + n.group(1) + "]" : "[9]");
            }
            ref.appendTail(content);
            String body = new ObjectMapper()
                    .writeValueAsString(java.util.Map.of(
                            "id",
                            "chatcmpl-stub",
                            "object",
                            "chat.completion",
                            "created",
                            0,
                            "model",
                            "stub",
                            "choices",
                            List.of(java.util.Map.of(
                                    "index",
                                    0,
                                    "message",
                                    java.util.Map.of("role", "assistant", "content", content.toString()),
                                    "finish_reason",
                                    "stop")),
                            "usage",
                            java.util.Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2)));
            byte[] bytes = status.get() == 200 ? body.getBytes(StandardCharsets.UTF_8) : "{}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();

        MockEnvironment env = new MockEnvironment();
        props = new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("studilo.rag", RagProperties.class);
        InMemoryVectorIndex index = new InMemoryVectorIndex();
        UUID doc = UUID.randomUUID();
        List<String> texts = List.of(
                "Photosynthesis takes place in the chloroplasts of plant cells.",
                "Chlorophyll absorbs mostly red and blue light.",
                "Mitochondria produce ATP through cellular respiration.");
        List<Chunk> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            chunks.add(new Chunk(
                    Chunk.idOf(doc, i),
                    OWNER,
                    doc,
                    "Biology",
                    UUID.randomUUID(),
                    "S" + i,
                    i + 1,
                    i + 1,
                    i,
                    texts.get(i)));
        }
        index.upsert(chunks, Embeddings.embedAll(MODEL, texts));
        knowledge = TestKnowledge.over(index, MODEL);
        retriever = new Retriever(knowledge, props.retrieval());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void reset() {
        status.set(200);
        requests.set(0);
        meters = new SimpleMeterRegistry();
        breaker = CircuitBreaker.of(
                "llm",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(4)
                        .minimumNumberOfCalls(2)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofMinutes(1))
                        .build());
    }

    LlmAnswerer answerer() {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .apiKey("none")
                .modelName("stub")
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .build();
        Retry retry = Retry.of(
                "llm",
                RetryConfig.custom()
                        .maxAttempts(2)
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(10), 2.0))
                        .build());
        return new LlmAnswerer(
                model,
                new ClaimCheck(knowledge, 0.6, 0.6),
                breaker,
                retry,
                AnswerConfiguration.template("prompts/grounded-answer.txt"),
                props,
                meters);
    }

    Optional<Answer> ask(String question) {
        return answerer().answer(question, retriever.retrieve(OWNER, question, Set.of(), 8));
    }

    @Test
    void claimCheckDropsTheHallucinatedSentenceAndKeepsTheFaithfulOne() {
        reply.set("Photosynthesis takes place in the chloroplasts of plant cells [#Photosynthesis]. "
                + "It was discovered by Albert Einstein in 1950 on the moon [#Photosynthesis]. "
                + "Chlorophyll absorbs mostly red and blue light [#Chlorophyll].");
        Answer answer = ask("Where does photosynthesis take place and what light does chlorophyll absorb?")
                .orElseThrow();
        assertThat(answer.grounded()).isTrue();
        assertThat(answer.answer())
                .contains("chloroplasts")
                .contains("red and blue")
                .doesNotContain("Einstein");
        assertThat(answer.citations()).isNotEmpty();
        assertThat(meters.counter("studilo.rag.llm.claims", "result", "dropped").count())
                .isEqualTo(1);
    }

    @Test
    void fallsBackWhenTooLittleSurvives() {
        reply.set("Photosynthesis happens in the roots at night [#Photosynthesis]. Plants eat soil for energy "
                + "[#Chlorophyll]. Chloroplasts are found in animal bones [#Photosynthesis].");
        assertThat(ask("Where does photosynthesis take place?")).isEmpty();
        assertThat(meters.counter("studilo.rag.llm.fallbacks", "reason", "claim-check")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void sentenceWithoutCitationIsDropped() {
        reply.set("Photosynthesis takes place in the chloroplasts of plant cells [#Photosynthesis]. Plants are green.");
        Answer answer = ask("Where does photosynthesis take place?").orElseThrow();
        assertThat(answer.answer()).doesNotContain("Plants are green");
    }

    @Test
    void outageRetriesThenFallsBackAndOpensTheBreaker() {
        status.set(500);
        assertThat(ask("Where does photosynthesis take place?")).isEmpty();
        assertThat(requests.get()).isEqualTo(2);
        assertThat(ask("Where does photosynthesis take place?")).isEmpty();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = requests.get();
        assertThat(ask("Where does photosynthesis take place?")).isEmpty();
        assertThat(requests.get()).isEqualTo(before);
        assertThat(meters.counter("studilo.rag.llm.fallbacks", "reason", "outage")
                        .count())
                .isEqualTo(3);
    }
}
