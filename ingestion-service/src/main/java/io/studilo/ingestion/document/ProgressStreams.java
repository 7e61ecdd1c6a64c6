package io.studilo.ingestion.document;

import io.studilo.common.web.RequestIds;
import io.studilo.ingestion.IngestionProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent progress for one document, read from PostgreSQL: whichever replica runs the job, every replica
 * sees the same progress. An event is sent whenever the state changes; the stream ends at READY or FAILED.
 * The database is read every {@code poll-interval}, and at once when this replica changed the document, so a
 * client of the replica that runs the job hears of READY without waiting for the next poll.
 */
@Component
class ProgressStreams {

    private final DocumentRepository documents;
    private final IngestionProperties.Progress properties;
    private final Map<UUID, Set<Runnable>> pollsByDocument = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "progress-poller");
        t.setDaemon(true);
        return t;
    });

    ProgressStreams(DocumentRepository documents, IngestionProperties properties) {
        this.documents = documents;
        this.properties = properties.progress();
    }

    SseEmitter open(UUID ownerId, Document document) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        AtomicReference<@Nullable ProgressEvent> last = new AtomicReference<>();
        AtomicReference<@Nullable ScheduledFuture<?>> task = new AtomicReference<>();
        UUID id = document.id();
        Runnable[] poll = new Runnable[1];
        Runnable stop = () -> {
            ScheduledFuture<?> f = task.get();
            if (f != null) {
                f.cancel(false);
            }
            pollsByDocument.computeIfPresent(id, (k, polls) -> {
                polls.remove(poll[0]);
                return polls.isEmpty() ? null : polls;
            });
        };
        // The poller thread logs under the request id of the stream it serves.
        poll[0] = RequestIds.taskDecorator().decorate(() -> poll(ownerId, id, emitter, last, stop));
        emitter.onCompletion(stop);
        emitter.onTimeout(() -> {
            stop.run();
            emitter.complete();
        });
        emitter.onError(e -> stop.run());
        pollsByDocument.compute(id, (k, polls) -> {
            Set<Runnable> all = polls == null ? ConcurrentHashMap.newKeySet() : polls;
            all.add(poll[0]);
            return all;
        });
        long period = Math.max(50, properties.pollInterval().toMillis());
        task.set(poller.scheduleWithFixedDelay(poll[0], 0, period, TimeUnit.MILLISECONDS));
        return emitter;
    }

    /** Reads the document now for its open streams (on the poller thread, so one stream never sends twice at once). */
    @TransactionalEventListener(fallbackExecution = true)
    void onChange(DocumentChanged change) {
        Set<Runnable> polls = pollsByDocument.get(change.id());
        if (polls != null) {
            try {
                polls.forEach(poller::execute);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private void poll(
            UUID ownerId, UUID id, SseEmitter emitter, AtomicReference<@Nullable ProgressEvent> last, Runnable stop) {
        try {
            Optional<Document> current = documents.findOwned(ownerId, id);
            if (current.isEmpty()) {
                emitter.send(SseEmitter.event().name("deleted").data("{}", MediaType.APPLICATION_JSON));
                stop.run();
                emitter.complete();
                return;
            }
            ProgressEvent event = ProgressEvent.of(current.get());
            if (!event.equals(last.get())) {
                last.set(event);
                emitter.send(SseEmitter.event()
                        .name("progress")
                        .id(event.status() + "-" + event.pagesProcessed())
                        .data(event, MediaType.APPLICATION_JSON));
            }
            if (event.status().isFinal()) {
                stop.run();
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            stop.run(); // the client went away
        } catch (RuntimeException e) {
            stop.run();
            emitter.completeWithError(e);
        }
    }

    @PreDestroy
    void shutdown() {
        poller.shutdownNow();
    }
}
