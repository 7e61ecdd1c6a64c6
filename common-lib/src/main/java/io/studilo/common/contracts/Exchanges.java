package io.studilo.common.contracts;

/**
 * Names of the RabbitMQ exchanges and routing keys shared between services. Queues belong to their consumers
 * (each service binds its own durable quorum queue to {@link #EVENTS}).
 */
public final class Exchanges {

    /** Topic exchange for domain events. Messages are JSON records from this package. */
    public static final String EVENTS = "studilo.events";

    public static final String DOCUMENT_READY = "document.ready";
    public static final String DOCUMENT_DELETED = "document.deleted";
    public static final String EXAM_GRADED = "exam.graded";

    private Exchanges() {}
}
