/** Exam sessions: progressive (Elo-rated) and fixed, answers, reports and mastery. */
@NullMarked
package io.studilo.exam.session;

import org.jspecify.annotations.NullMarked;
