package io.studilo.exam.question;

import java.util.UUID;

/**
 * The stretch of notes a question is drawn from and cited with: usually one sentence.
 *
 * @param page the page the passage is on (1-based)
 */
public record Passage(UUID documentId, UUID sectionId, String sectionTitle, int page, String text) {}
