package io.studilo.planner.material;

import java.util.List;
import java.util.UUID;

/** Published in-process (inside the consumer's transaction) when a document's sections are gone. */
public record MaterialRemoved(UUID ownerId, UUID documentId, List<UUID> sectionIds) {}
