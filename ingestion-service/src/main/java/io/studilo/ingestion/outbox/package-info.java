@NullMarked
package io.studilo.ingestion.outbox;

import org.jspecify.annotations.NullMarked;
