package io.studilo.exam.grading;

import io.studilo.exam.question.QuestionType;
import java.util.List;

/**
 * What the grader needs to know about a question.
 *
 * @param expected the expected answer (for a short answer, the reference passage)
 * @param keyTerms what a short answer should mention
 * @param reference the cited passage
 */
public record Gradable(QuestionType type, String prompt, String expected, List<String> keyTerms, String reference) {

    public Gradable {
        keyTerms = List.copyOf(keyTerms);
    }
}
