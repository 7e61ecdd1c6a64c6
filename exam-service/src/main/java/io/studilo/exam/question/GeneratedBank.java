package io.studilo.exam.question;

import java.util.List;
import java.util.Map;

/**
 * What generation produced for a document: the questions that passed every rule, and how many candidates
 * each rule dropped (by {@link ValidationRule#id()}).
 */
public record GeneratedBank(List<QuestionDraft> questions, Map<String, Integer> dropped) {

    public GeneratedBank {
        questions = List.copyOf(questions);
        dropped = Map.copyOf(dropped);
    }
}
