/**
 * The production vector index: one Qdrant collection with a named dense vector (cosine) and a named sparse
 * lexical vector (IDF applied by Qdrant), hybrid search through the Query API.
 */
@NullMarked
package io.studilo.common.knowledge.qdrant;

import org.jspecify.annotations.NullMarked;
