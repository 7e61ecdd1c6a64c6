package io.studilo.exam.question;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.studilo.exam.ExamProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** The question generator, with the LLM rephraser when an OpenAI-compatible endpoint is configured. */
@Configuration(proxyBeanMethods = false)
class GenerationConfiguration {

    @Bean
    QuestionRephraser questionRephraser(ExamProperties properties) {
        ExamProperties.Llm llm = properties.llm();
        if (!llm.enabled()) {
            return QuestionRephraser.NONE;
        }
        ChatModel model = OpenAiChatModel.builder()
                .baseUrl(llm.baseUrl())
                .apiKey(llm.apiKey() == null || llm.apiKey().isBlank() ? "none" : llm.apiKey())
                .modelName(llm.model())
                .timeout(llm.timeout())
                .temperature(0.2)
                .build();
        return new LlmRephraser(model, template("prompts/rephrase-question.txt"));
    }

    @Bean
    QuestionGenerator questionGenerator(
            EmbeddingModel embeddingModel, ExamProperties properties, QuestionRephraser rephraser) {
        ExamProperties.Generation g = properties.generation();
        return new QuestionGenerator(
                embeddingModel,
                new QuestionGenerator.Settings(
                        g.maxPerSection(), g.minWords(), g.maxWords(), g.maxDistractorSimilarity()),
                rephraser);
    }

    private static String template(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
