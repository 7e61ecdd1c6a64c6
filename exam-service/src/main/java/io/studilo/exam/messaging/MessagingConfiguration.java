package io.studilo.exam.messaging;

import io.studilo.common.contracts.Exchanges;
import io.studilo.exam.ExamProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * exam-service's RabbitMQ topology: the shared events exchange, and one durable quorum queue per consumed
 * event with its own dead-letter queue (where a message lands once the listener's bounded retries are spent).
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    TopicExchange studiloEvents(ExamProperties properties) {
        return new TopicExchange(properties.messaging().exchange(), true, false);
    }

    @Bean
    Declarables examQueues(ExamProperties properties, TopicExchange studiloEvents) {
        ExamProperties.Messaging m = properties.messaging();
        List<Declarable> declarables = new ArrayList<>();
        consume(declarables, studiloEvents, m.documentReadyQueue(), Exchanges.DOCUMENT_READY, m.deadLetterSuffix());
        consume(declarables, studiloEvents, m.documentDeletedQueue(), Exchanges.DOCUMENT_DELETED, m.deadLetterSuffix());
        return new Declarables(declarables);
    }

    private static void consume(
            List<Declarable> declarables, TopicExchange exchange, String queue, String routingKey, String dlqSuffix) {
        Queue deadLetters = QueueBuilder.durable(queue + dlqSuffix).quorum().build();
        Queue main = QueueBuilder.durable(queue)
                .quorum()
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetters.getName())
                .build();
        declarables.add(deadLetters);
        declarables.add(main);
        declarables.add(BindingBuilder.bind(main).to(exchange).with(routingKey));
    }

    /** JSON (Jackson 3) for the event records; the listener's parameter type decides what is read. */
    @Bean
    MessageConverter jacksonJsonMessageConverter() {
        return new JacksonJsonMessageConverter("io.studilo.common.contracts");
    }
}
