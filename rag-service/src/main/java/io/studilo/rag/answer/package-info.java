/**
 * Grounded answers: extractive by default, an optional LLM whose every sentence is checked against the passage
 * it cites, and an honest refusal when the notes do not cover the question.
 */
@NullMarked
package io.studilo.rag.answer;

import org.jspecify.annotations.NullMarked;
