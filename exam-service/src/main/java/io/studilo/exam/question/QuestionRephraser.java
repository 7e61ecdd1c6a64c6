package io.studilo.exam.question;

/**
 * Optionally rewords a validated question more naturally (LLM mode). The rewording must pass the same rules
 * against the cited passage, or the original wording is kept.
 */
@FunctionalInterface
public interface QuestionRephraser {

    QuestionRephraser NONE = question -> question.prompt();

    /** The new prompt; return the current one to keep it. */
    String rephrase(QuestionDraft question);
}
