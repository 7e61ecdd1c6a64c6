package io.studilo.exam.question;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits notes into sentences: blank lines and bullets end a block; lines inside a block are joined. Markdown
 * heading lines are titles, not statements (the section title already carries them), so they are dropped.
 */
final class Sentences {

    private static final Pattern BLOCK_BREAK = Pattern.compile("\\n\\s*\\n|\\n(?=\\s*(?:[-*•▪◦]|\\d+[.)])\\s)");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+(?=[\\p{Lu}\\p{N}(\"'])");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•▪◦]|\\d+[.)])\\s+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t].*$");

    /** A token of prose: a word (any case, inner apostrophes and hyphens) or a number, once outer punctuation is off. */
    private static final Pattern PROSE_TOKEN = Pattern.compile("\\p{L}[\\p{L}'’-]*|\\d+(?:[.,]\\d+)?%?");

    private static final Pattern OUTER_PUNCTUATION = Pattern.compile("^\\p{P}+|\\p{P}+$");
    private static final Pattern SYMBOLS_ONLY = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final double MIN_PROSE_SHARE = 0.7;

    /**
     * An entry of a reference list: it opens with its year ("(1967). “The practical calculation …”"), a name
     * ("Barrowman, J. S.") or "In:", or gives a year before a quoted title or ends with a page abbreviation.
     */
    private static final Pattern REFERENCE = Pattern.compile(
            "^(?:\\(?(?:1[5-9]|20)\\d\\d[a-z]?\\)?[.,]|\\p{Lu}[\\p{L}-]+, (?:\\p{Lu}\\. ?)+[,(]|In[:.]\\s)"
                    + "|\\((?:1[5-9]|20)\\d\\d[a-z]?\\)\\.\\s*[“\"]|\\bpp?\\.(?:\\s*[\\d–-]+)?\\.?$");

    /**
     * The date closing a reference entry after its last comma ("…, RFC 4254, January 2006."). Only an entry when
     * the sentence is a list of at least {@value #MIN_ENTRY_COMMAS} commas' worth of fields: prose ends on a date
     * after one comma ("… on July 20, 1969.").
     */
    private static final Pattern CLOSING_DATE =
            Pattern.compile(",\\s+(?:\\p{Lu}\\p{Ll}{2,8}\\.?\\s+)?(?:1[5-9]|20)\\d\\d[a-z]?\\.?$");

    private static final int MIN_ENTRY_COMMAS = 3;

    /** A numbered heading kept in the text ("2 ASN.1 structure handling", "3.4 Drag"): a title, not a statement. */
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^\\d+(?:\\.\\d+)*\\.?\\s+\\p{Lu}.*[^.!?]$");

    /**
     * A sentence that stops on an article, a preposition, a conjunction or "is" was cut off (at a page or column
     * break, or before a formula the extraction left out): "If the root provided is a", "The radius of GEO is".
     */
    private static final Pattern CUT_OFF = Pattern.compile(
            "(?i)\\b(?:a|an|the|of|to|in|on|at|for|with|by|from|into|onto|via|and|or|but|nor|that|which|whose|as|than"
                    + "|if|when|while|because|whether|is|are|was|were|be|been)$");

    /**
     * A sentence whose subject points back at an earlier one ("This function is similar to strerror.") cannot be
     * judged on its own, which is how a question shows it.
     */
    private static final Pattern POINTS_BACK =
            Pattern.compile("^(?:This|These|That|Those|It|Its|They|Their|Such|He|She|His|Her)\\b");

    /** Copyright and licence lines: the notes' small print, not their content. */
    private static final Pattern SMALL_PRINT = Pattern.compile("©|\\(c\\)\\s*\\d{4}|^Copyright\\b");

    private Sentences() {}

    /**
     * Whether a sentence states something a question can be made of: not the lead-in to a list ("The main features
     * are:"), a fragment cut at a comma (an author list, a cross-reference) or on a word no sentence ends with ("…
     * provided is a"), one whose subject points back at an earlier sentence ("This function …"), a numbered
     * heading, copyright small print, an entry of a reference list, nor code,
     * a grammar or a usage line that notes quote ("Group ::= SEQUENCE { id OBJECT IDENTIFIER
     * }"), told apart from prose by their share of tokens that are neither words nor numbers.
     */
    static boolean isStatement(String sentence) {
        String trimmed = sentence.strip();
        if (trimmed.endsWith(":")
                || trimmed.endsWith(",")
                || REFERENCE.matcher(trimmed).find()
                || (CLOSING_DATE.matcher(trimmed).find() && commas(trimmed) >= MIN_ENTRY_COMMAS)
                || NUMBERED_HEADING.matcher(trimmed).matches()
                || CUT_OFF.matcher(trimmed).find()
                || POINTS_BACK.matcher(trimmed).find()
                || SMALL_PRINT.matcher(trimmed).find()) {
            return false;
        }
        String[] tokens = SPACES.split(trimmed);
        int prose = 0;
        int symbols = 0;
        for (String token : tokens) {
            if (SYMBOLS_ONLY.matcher(token).matches()) {
                symbols++;
            } else if (PROSE_TOKEN
                    .matcher(OUTER_PUNCTUATION.matcher(token).replaceAll(""))
                    .matches()) {
                prose++;
            }
        }
        return symbols < 2 && prose >= MIN_PROSE_SHARE * tokens.length;
    }

    private static long commas(String text) {
        return text.chars().filter(c -> c == ',').count();
    }

    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        String withoutHeadings = MARKDOWN_HEADING.matcher(text).replaceAll("\n");
        for (String block : BLOCK_BREAK.split(withoutHeadings)) {
            String joined = SPACES.matcher(BULLET.matcher(block).replaceFirst(""))
                    .replaceAll(" ")
                    .trim();
            for (String sentence : SENTENCE_END.split(joined)) {
                String s = sentence.trim();
                if (s.endsWith(";")) {
                    s = s.substring(0, s.length() - 1) + ".";
                }
                if (!s.isEmpty()) {
                    sentences.add(s);
                }
            }
        }
        return sentences;
    }
}
