package io.studilo.rag.answer;

import java.util.UUID;

/** Where a sentence of an answer (or a search hit) comes from. {@code page} is the passage's first page. */
public record Citation(UUID documentId, String title, int page, String sectionTitle, String snippet, double score) {}
