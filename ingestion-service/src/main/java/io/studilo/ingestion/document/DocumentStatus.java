package io.studilo.ingestion.document;

/** The lifecycle of an upload: QUEUED → PROCESSING → READY or FAILED. */
public enum DocumentStatus {
    QUEUED,
    PROCESSING,
    READY,
    FAILED;

    public boolean isFinal() {
        return this == READY || this == FAILED;
    }
}
