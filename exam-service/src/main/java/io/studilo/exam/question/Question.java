package io.studilo.exam.question;

import java.util.List;
import java.util.UUID;

/** A stored question of a bank, with its current Elo difficulty. */
public record Question(
        UUID id,
        UUID documentId,
        UUID sectionId,
        String sectionTitle,
        QuestionType type,
        String prompt,
        List<String> options,
        String answer,
        String key,
        List<String> keyTerms,
        String passage,
        int page,
        double difficulty,
        int attempts) {

    public Question {
        options = List.copyOf(options);
        keyTerms = List.copyOf(keyTerms);
    }

    public int level() {
        return type.level();
    }
}
