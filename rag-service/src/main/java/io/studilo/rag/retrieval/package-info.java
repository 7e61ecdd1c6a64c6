/**
 * Retrieval over the caller's notes: hybrid first hop, bridging hops seeded by retrieved evidence, chain
 * reranking by coverage of the question's content terms, and diversity across sections.
 */
@NullMarked
package io.studilo.rag.retrieval;

import org.jspecify.annotations.NullMarked;
