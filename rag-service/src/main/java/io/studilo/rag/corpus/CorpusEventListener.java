package io.studilo.rag.corpus;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Consumes {@code DocumentReady} and {@code DocumentDeleted} from {@code studilo.rag.corpus-events}. Both carry
 * {@code eventId} and {@code ownerId}, which is all this service needs: the owner's corpus moved, so the
 * owner's cached answers are stale. A message without them goes to the dead-letter queue.
 */
class CorpusEventListener {

    private static final Logger log = LoggerFactory.getLogger(CorpusEventListener.class);

    private final CorpusVersions versions;
    private final ObjectMapper json;

    CorpusEventListener(CorpusVersions versions, ObjectMapper json) {
        this.versions = versions;
        this.json = json;
    }

    @RabbitListener(
            queues = "${studilo.rag.messaging.queue:studilo.rag.corpus-events}",
            autoStartup = "${studilo.rag.messaging.listen:true}")
    void onEvent(Message message) {
        UUID eventId;
        UUID ownerId;
        try {
            JsonNode event = json.readTree(message.getBody());
            eventId = UUID.fromString(event.required("eventId").asString());
            ownerId = UUID.fromString(event.required("ownerId").asString());
        } catch (RuntimeException e) {
            throw new AmqpRejectAndDontRequeueException("not a corpus event", e);
        }
        boolean moved = versions.bump(ownerId, eventId);
        log.debug(
                "corpus event {} ({}) for owner {}: {}",
                eventId,
                message.getMessageProperties().getReceivedRoutingKey(),
                ownerId,
                moved ? "version moved" : "already applied");
    }
}
