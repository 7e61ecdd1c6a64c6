package io.studilo.exam.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The request and response bodies of the exams API (API.md "Exams"). */
final class ExamApi {

    private ExamApi() {}

    enum Mode {
        PROGRESSIVE,
        FIXED
    }

    record CreateExam(
            @Nullable List<UUID> documentIds,
            @Nullable List<UUID> sectionIds,
            @Nullable @Positive Integer questionCount,
            @NotNull Mode mode) {}

    record ExamView(UUID id, String status, int level, int questionCount, int answered) {}

    record ExamState(UUID id, String status, int level, int questionCount, int answered, double score) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NextQuestion(
            UUID questionId,
            String type,
            int level,
            String prompt,
            @Nullable List<String> options) {}

    record AnswerRequest(@NotNull UUID questionId, @NotNull String answer) {}

    record Citation(UUID documentId, int page, String snippet) {}

    record AnswerResult(
            boolean correct, double score, String feedback, String expectedAnswer, Citation citation, int level) {}

    record SectionReport(UUID sectionId, String title, int answered, int correct, double mastery) {}

    record Report(double score, List<SectionReport> bySection) {}

    record Mastery(UUID sectionId, UUID documentId, String title, double mastery, int answered) {}
}
