package io.studilo.exam.question;

import dev.langchain4j.model.chat.ChatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewords short-answer prompts with a chat model. The reworded prompt is validated again by the generator
 * against the cited passage; on any failure (or an unusable reply) the original prompt is kept.
 */
final class LlmRephraser implements QuestionRephraser {

    private static final Logger log = LoggerFactory.getLogger(LlmRephraser.class);
    private static final int MAX_PROMPT_LENGTH = 300;

    private final ChatModel model;
    private final String template;

    LlmRephraser(ChatModel model, String template) {
        this.model = model;
        this.template = template;
    }

    @Override
    public String rephrase(QuestionDraft question) {
        if (question.type() != QuestionType.SHORT_ANSWER) {
            return question.prompt();
        }
        try {
            String reply = model.chat(template.replace("{{question}}", question.prompt())
                            .replace("{{passage}}", question.passage().text()))
                    .trim();
            if (reply.isEmpty() || reply.length() > MAX_PROMPT_LENGTH || reply.contains("\n")) {
                return question.prompt();
            }
            return reply;
        } catch (RuntimeException e) {
            log.warn("LLM rephrasing failed, keeping the generated wording: {}", e.toString());
            return question.prompt();
        }
    }
}
