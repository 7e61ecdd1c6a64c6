package io.studilo.ingestion.extract;

/** The document took longer than the per-document time limit (or its job was cancelled). */
public class DocumentTimeoutException extends RuntimeException {

    public DocumentTimeoutException() {
        super("The document took too long to process.");
    }
}
