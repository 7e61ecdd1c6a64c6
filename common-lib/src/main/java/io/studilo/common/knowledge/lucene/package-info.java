/**
 * The embedded vector index: one Lucene directory on local disk with HNSW vectors and BM25 text, written by
 * one process (the ingestion worker) and read near-real-time by the others.
 */
@NullMarked
package io.studilo.common.knowledge.lucene;

import org.jspecify.annotations.NullMarked;
