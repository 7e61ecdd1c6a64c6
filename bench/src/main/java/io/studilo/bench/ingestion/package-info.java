/**
 * Ingestion robustness harness: generated broken and hostile uploads pushed through a running stack's API
 * ({@link io.studilo.bench.ingestion.IngestionFuzzBench}).
 */
@NullMarked
package io.studilo.bench.ingestion;

import org.jspecify.annotations.NullMarked;
