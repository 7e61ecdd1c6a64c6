package io.studilo.exam.grading;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.exam.ExamProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GradingConfiguration {

    @Bean
    Grader grader(EmbeddingModel embeddingModel, ExamProperties properties) {
        ExamProperties.Grading g = properties.grading();
        return new Grader(
                embeddingModel,
                new Grader.Settings(
                        g.passMark(), g.supportWeight(), g.fullCoverage(), g.similarityFloor(), g.similarityCeiling()));
    }
}
