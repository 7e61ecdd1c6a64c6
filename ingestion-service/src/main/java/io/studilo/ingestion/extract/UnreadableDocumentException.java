package io.studilo.ingestion.extract;

/**
 * The document itself cannot be processed. The message is shown to the student as the reason it FAILED, so
 * it says what is wrong in their terms ("password-protected PDF", "page 12 could not be read").
 */
public class UnreadableDocumentException extends RuntimeException {

    public UnreadableDocumentException(String reason) {
        super(reason);
    }

    public UnreadableDocumentException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
