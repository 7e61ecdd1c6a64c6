package io.studilo.common.contracts;

import java.time.Instant;
import java.util.UUID;

/** Published by ingestion once a document, its original and its vectors are gone. */
public record DocumentDeleted(UUID eventId, UUID ownerId, UUID documentId, Instant occurredAt) {}
