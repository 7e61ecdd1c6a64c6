/**
 * rag-service benches: retrieval/answer/refusal quality on QASC and ask latency at 10,000 chunks, both
 * against the real service jar started as a child process over a Lucene index this process writes.
 */
@NullMarked
package io.studilo.bench.rag;

import org.jspecify.annotations.NullMarked;
