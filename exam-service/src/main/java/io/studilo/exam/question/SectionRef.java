package io.studilo.exam.question;

import java.util.UUID;

/** A section that has questions in the owner's banks. */
public record SectionRef(UUID sectionId, UUID documentId, String title) {}
