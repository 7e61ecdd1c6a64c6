/**
 * The owner's corpus version: moves when a document becomes ready or is deleted (events from RabbitMQ), so
 * cached answers of the old corpus are never served again.
 */
@NullMarked
package io.studilo.rag.corpus;

import org.jspecify.annotations.NullMarked;
