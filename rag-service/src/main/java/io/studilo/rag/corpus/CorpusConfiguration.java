package io.studilo.rag.corpus;

import io.studilo.common.contracts.Exchanges;
import io.studilo.rag.RagProperties;
import java.time.Duration;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.ObjectMapper;

/** The corpus-events topology (quorum queue + DLQ bound to the events exchange) and the version store. */
@Configuration(proxyBeanMethods = false)
public class CorpusConfiguration {

    @Bean
    public CorpusVersions corpusVersions(StringRedisTemplate redis, RagProperties props) {
        return new CorpusVersions(redis, props.cache().keyPrefix(), Duration.ofDays(7));
    }

    @Bean
    Declarables corpusEventsTopology(RagProperties props) {
        String queue = props.messaging().queue();
        TopicExchange events = new TopicExchange(Exchanges.EVENTS, true, false);
        Queue deadLetters = QueueBuilder.durable(queue + ".dlq").quorum().build();
        Queue main = QueueBuilder.durable(queue)
                .quorum()
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetters.getName())
                .build();
        Binding ready = BindingBuilder.bind(main).to(events).with(Exchanges.DOCUMENT_READY);
        Binding deleted = BindingBuilder.bind(main).to(events).with(Exchanges.DOCUMENT_DELETED);
        return new Declarables(events, deadLetters, main, ready, deleted);
    }

    @Bean
    CorpusEventListener corpusEventListener(CorpusVersions versions, ObjectMapper json) {
        return new CorpusEventListener(versions, json);
    }
}
