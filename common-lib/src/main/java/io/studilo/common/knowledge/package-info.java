/**
 * The knowledge layer: the embedding model and the vector index port every service reads notes through.
 * Every read takes the owner id, so no adapter can return another student's notes.
 */
@NullMarked
package io.studilo.common.knowledge;

import org.jspecify.annotations.NullMarked;
