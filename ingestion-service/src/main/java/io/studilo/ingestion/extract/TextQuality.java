package io.studilo.ingestion.extract;

/**
 * Decides whether a page's text layer is usable or the page must be OCR'd: too little text, or text that is
 * mostly unreadable (replacement characters, private-use glyphs from fonts without a Unicode mapping, or
 * hardly any letters). Leader characters (the dots of a table of contents or an index, ". . . . 12") are not
 * counted at all: they are layout, and a contents page full of them has a perfectly good text layer.
 */
final class TextQuality {

    private static final double MIN_LETTER_RATIO = 0.4;

    private TextQuality() {}

    /** Letters and digits in the text. */
    static int letters(String text) {
        return (int) text.codePoints().filter(Character::isLetterOrDigit).count();
    }

    /** True when the text has no more unreadable characters than allowed (however short it is). */
    static boolean isClean(String text, double maxGarbageRatio) {
        int total = 0;
        int bad = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isWhitespace(cp)) {
                total++;
                if (isGarbage(cp)) {
                    bad++;
                }
            }
        }
        return total > 0 && (double) bad / total <= maxGarbageRatio;
    }

    private static boolean isLeader(int cp) {
        return cp == '.' || cp == '_' || cp == '\u00B7' || cp == '\u2026' || cp == '\u2024' || cp == '\u2219';
    }

    private static boolean isGarbage(int cp) {
        int type = Character.getType(cp);
        return cp == 0xFFFD
                || type == Character.PRIVATE_USE
                || type == Character.CONTROL
                || type == Character.UNASSIGNED
                || type == Character.SURROGATE;
    }

    static boolean usable(String text, int minTextChars, double maxGarbageRatio) {
        int total = 0;
        int letters = 0;
        int garbage = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || isLeader(cp)) {
                continue;
            }
            total++;
            if (Character.isLetterOrDigit(cp)) {
                letters++;
            }
            if (isGarbage(cp)) {
                garbage++;
            }
        }
        if (letters < minTextChars) {
            return false;
        }
        return (double) garbage / total <= maxGarbageRatio && (double) letters / total >= MIN_LETTER_RATIO;
    }
}
