package io.studilo.ingestion.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Corrections to what Tesseract reads that hold for any page. */
final class OcrText {

    /**
     * One or two dashes opening a word: the hyphens of an option or a negative number ("-L", "--dereference",
     * "-5"), which Tesseract often reads as em or en dashes. A dash between words ("word—word", "word — word") or a
     * rule of three or more is left as it is.
     */
    private static final Pattern OPENING_DASHES =
            Pattern.compile("(?<![\\p{L}\\p{N}—–-])[—–-]{1,2}(?![—–-])(?=[\\p{L}\\p{N}])");

    private OcrText() {}

    /** The text with em and en dashes that open a word read as the hyphens they are. */
    static String mendDashes(String text) {
        if (text.indexOf('—') < 0 && text.indexOf('–') < 0) {
            return text;
        }
        Matcher m = OPENING_DASHES.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, "-".repeat(m.group().length()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
