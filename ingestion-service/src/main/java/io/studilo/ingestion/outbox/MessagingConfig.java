package io.studilo.ingestion.outbox;

import io.studilo.common.contracts.Exchanges;
import io.studilo.ingestion.IngestionProperties;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RabbitMQ topology this service owns: the job exchange, the durable quorum job queue that dead-letters to
 * its DLQ, and the shared {@code studilo.events} topic exchange it publishes domain events to.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MessagingConfig {

    @Bean
    DirectExchange jobsExchange(IngestionProperties properties) {
        ExchangeBuilder exchange = ExchangeBuilder.directExchange(
                        properties.messaging().jobsExchange())
                .durable(true);
        if (properties.messaging().queueExpiry() != null) {
            exchange.autoDelete(); // goes with its expiring queue in throw-away environments
        }
        return exchange.build();
    }

    @Bean
    Queue jobsQueue(IngestionProperties properties) {
        IngestionProperties.Messaging m = properties.messaging();
        QueueBuilder queue = QueueBuilder.durable(m.jobsQueue())
                .quorum()
                .deadLetterExchange("")
                .deadLetterRoutingKey(m.deadLetterQueue());
        if (m.queueExpiry() != null) {
            queue.expires((int) m.queueExpiry().toMillis());
        }
        return queue.build();
    }

    @Bean
    Queue jobsDeadLetterQueue(IngestionProperties properties) {
        IngestionProperties.Messaging m = properties.messaging();
        QueueBuilder queue = QueueBuilder.durable(m.deadLetterQueue()).quorum();
        if (m.queueExpiry() != null) {
            queue.expires((int) m.queueExpiry().toMillis());
        }
        return queue.build();
    }

    @Bean
    Binding jobsBinding(Queue jobsQueue, DirectExchange jobsExchange, IngestionProperties properties) {
        return BindingBuilder.bind(jobsQueue)
                .to(jobsExchange)
                .with(properties.messaging().jobsQueue());
    }

    @Bean
    TopicExchange eventsExchange() {
        return ExchangeBuilder.topicExchange(Exchanges.EVENTS).durable(true).build();
    }

    @Bean
    MessageConverter jacksonJsonMessageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(
                jsonMapper, "io.studilo.common.contracts", "io.studilo.ingestion.document");
    }
}
