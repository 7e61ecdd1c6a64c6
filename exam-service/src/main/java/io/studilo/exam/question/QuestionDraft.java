package io.studilo.exam.question;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A generated question before it is stored. It is kept only if every {@link ValidationRule} accepts it.
 *
 * @param prompt what the student sees
 * @param options the choices of a multiple-choice or true/false item; empty otherwise
 * @param answer the expected answer: {@code true}/{@code false}, the key term, or (short answer) the passage
 * @param key the key term the question is about, as written in the passage
 * @param swapped for a false true/false statement, the wrong term put in place of the key
 * @param keyTerms what a short answer should cover (stems are compared); the key alone for other types
 * @param passage the cited passage the answer is checked against
 */
public record QuestionDraft(
        QuestionType type,
        String prompt,
        List<String> options,
        String answer,
        String key,
        @Nullable String swapped,
        List<String> keyTerms,
        Passage passage) {

    public QuestionDraft {
        options = List.copyOf(options);
        keyTerms = List.copyOf(keyTerms);
    }

    public QuestionDraft withPrompt(String newPrompt) {
        return new QuestionDraft(type, newPrompt, options, answer, key, swapped, keyTerms, passage);
    }

    public QuestionDraft withOptions(List<String> newOptions) {
        return new QuestionDraft(type, prompt, newOptions, answer, key, swapped, keyTerms, passage);
    }
}
