package io.studilo.planner.material;

import java.util.List;
import java.util.UUID;

/**
 * Published in-process (inside the consumer's transaction) when an already known document was re-ingested or
 * deleted: plans that study it must be re-planned.
 *
 * @param removedSectionIds sections that no longer exist
 */
public record MaterialChanged(UUID ownerId, UUID documentId, List<UUID> removedSectionIds) {}
