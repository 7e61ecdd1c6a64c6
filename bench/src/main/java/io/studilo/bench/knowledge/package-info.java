/** Benchmarks of the knowledge layer: embedding throughput, retrieval recall and search latency. */
@NullMarked
package io.studilo.bench.knowledge;

import org.jspecify.annotations.NullMarked;
