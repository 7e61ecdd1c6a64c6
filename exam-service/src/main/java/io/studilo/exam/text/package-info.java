/** Text utilities shared by question generation and grading: normalising, stemming, fuzzy matching. */
@NullMarked
package io.studilo.exam.text;

import org.jspecify.annotations.NullMarked;
