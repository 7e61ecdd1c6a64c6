/** Transactional outbox and its relay to RabbitMQ. */
@NullMarked
package io.studilo.exam.outbox;

import org.jspecify.annotations.NullMarked;
