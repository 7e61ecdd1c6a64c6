package io.studilo.ingestion.document;

import java.util.UUID;

/** The job message on {@code studilo.ingestion.jobs}: process this document. Redelivery is harmless. */
public record IngestionJob(UUID jobId, UUID documentId, UUID ownerId) {}
