/** Grading answers: exact, tolerant (cloze) and semantic (short answer) with feedback. */
@NullMarked
package io.studilo.exam.grading;

import org.jspecify.annotations.NullMarked;
