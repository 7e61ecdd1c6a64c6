package io.studilo.ingestion.worker;

import io.studilo.ingestion.document.IngestionJob;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Consumes ingestion jobs; retries and dead-lettering are configured in {@link WorkerConfig}. */
@Component
class IngestionWorker {

    private final JobProcessor processor;

    IngestionWorker(JobProcessor processor) {
        this.processor = processor;
    }

    @RabbitListener(
            queues = "${studilo.ingestion.messaging.jobs-queue}",
            concurrency = "${studilo.ingestion.worker.concurrency}",
            containerFactory = "ingestionJobsContainerFactory")
    void onJob(IngestionJob job) {
        processor.process(job);
    }
}
