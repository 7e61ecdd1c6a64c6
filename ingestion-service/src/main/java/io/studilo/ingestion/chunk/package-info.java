@NullMarked
package io.studilo.ingestion.chunk;

import org.jspecify.annotations.NullMarked;
