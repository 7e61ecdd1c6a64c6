/** RabbitMQ topology: the events exchange, this service's quorum queues and their dead-letter queues. */
@NullMarked
package io.studilo.exam.messaging;

import org.jspecify.annotations.NullMarked;
