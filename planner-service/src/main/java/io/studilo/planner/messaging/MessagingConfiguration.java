package io.studilo.planner.messaging;

import io.studilo.common.contracts.Exchanges;
import io.studilo.planner.PlannerProperties;
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
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The planner's RabbitMQ topology: one durable quorum queue per consumed event, bound to the shared topic
 * exchange, each with its own dead-letter queue (a message lands there once the listener's bounded retries are
 * spent).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MessagingConfiguration {

    @Bean
    TopicExchange studiloEvents(PlannerProperties properties) {
        return new TopicExchange(properties.messaging().exchange(), true, false);
    }

    @Bean
    Declarables plannerQueues(PlannerProperties properties, TopicExchange studiloEvents) {
        PlannerProperties.Messaging m = properties.messaging();
        List<Declarable> declarables = new ArrayList<>();
        consume(declarables, studiloEvents, m.documentReadyQueue(), Exchanges.DOCUMENT_READY, m.deadLetterSuffix());
        consume(declarables, studiloEvents, m.documentDeletedQueue(), Exchanges.DOCUMENT_DELETED, m.deadLetterSuffix());
        consume(declarables, studiloEvents, m.examGradedQueue(), Exchanges.EXAM_GRADED, m.deadLetterSuffix());
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
