/** The question bank: key terms, question generation from the notes, validation rules, storage, Anki export. */
@NullMarked
package io.studilo.exam.question;

import org.jspecify.annotations.NullMarked;
