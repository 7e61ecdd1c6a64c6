package io.studilo.ingestion.worker;

import io.studilo.ingestion.IngestionProperties;
import io.studilo.ingestion.document.DocumentRepository;
import io.studilo.ingestion.document.IngestionJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RejectAndDontRequeueRecoverer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job consumer's container: a bounded number of attempts with exponential backoff; after the last one the
 * document is marked FAILED (so nothing stays PROCESSING) and the message goes to the dead-letter queue.
 */
@Configuration(proxyBeanMethods = false)
class WorkerConfig {

    private static final Logger log = LoggerFactory.getLogger(WorkerConfig.class);

    static final String GIVE_UP_REASON =
            "We could not process this document right now. Please try uploading it again later.";

    @Bean
    SimpleRabbitListenerContainerFactory ingestionJobsContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer,
            ConnectionFactory connectionFactory,
            MessageConverter converter,
            DocumentRepository documents,
            IngestionProperties properties) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        IngestionProperties.Messaging m = properties.messaging();
        factory.setPrefetchCount(1);
        factory.setDefaultRequeueRejected(false);
        factory.setAdviceChain(RetryInterceptorBuilder.stateless()
                .maxRetries(m.maxAttempts() - 1)
                .backOffOptions(
                        m.initialBackoff().toMillis(),
                        m.backoffMultiplier(),
                        m.maxBackoff().toMillis())
                .recoverer(giveUp(converter, documents))
                .build());
        return factory;
    }

    private static MessageRecoverer giveUp(MessageConverter converter, DocumentRepository documents) {
        RejectAndDontRequeueRecoverer deadLetter = new RejectAndDontRequeueRecoverer();
        return (Message message, Throwable cause) -> {
            try {
                if (converter.fromMessage(message) instanceof IngestionJob job) {
                    documents.markFailed(job.documentId(), GIVE_UP_REASON);
                    log.warn("Job for document {} dead-lettered after retries: {}", job.documentId(), cause.toString());
                }
            } catch (RuntimeException e) {
                log.warn("Could not mark a dead-lettered job's document FAILED: {}", e.toString());
            }
            deadLetter.recover(message, cause);
        };
    }
}
