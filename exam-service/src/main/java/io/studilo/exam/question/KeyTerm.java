package io.studilo.exam.question;

/**
 * A term worth asking about, as written in its sentence.
 *
 * @param text the surface form, exactly as it occurs in the sentence
 * @param kind why it was chosen; distractors are drawn from terms of the same {@link Kind#family()}
 * @param definition for a definition ("X is …"), what the notes say X is; otherwise empty
 */
public record KeyTerm(String text, Kind kind, String definition) {

    /** Why a term was chosen, strongest signal first. */
    public enum Kind {
        DEFINITION,
        HEADING,
        QUANTITY,
        SYMBOL,
        REPEATED,
        TERM;

        /** Terms of one family can stand in for each other as distractors. */
        public String family() {
            return switch (this) {
                case QUANTITY -> "quantity";
                case SYMBOL -> "symbol";
                default -> "term";
            };
        }
    }
}
