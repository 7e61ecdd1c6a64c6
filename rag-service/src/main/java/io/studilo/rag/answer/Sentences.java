package io.studilo.rag.answer;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sentence splitting and snippets. */
public final class Sentences {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern HEADING_LINE = Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t]+.*$");

    /**
     * MyST/Sphinx markup lines of Markdown notes: directive and code fences ({@code :::{math}},
     * {@code ```{note}}, {@code ```}), their option lines ({@code :width: 50%}) and link targets
     * ({@code (eq:orbit)=}). The content between fences stays.
     */
    private static final Pattern DIRECTIVE_LINE = Pattern.compile(
            "(?m)^[ \\t]*(?::{3,}.*|`{3,}(?:\\{[\\w-]+\\}.*|[\\w-]*)|:[A-Za-z][\\w-]*:(?:[ \\t].*)?|\\([\\w:.-]+\\)=)[ \\t]*$");

    /** An inline role ({@code {eq}`eq:vis-viva`}, {@code {cite}`Hohmann1960`}) reads as its target. */
    private static final Pattern ROLE = Pattern.compile("\\{[A-Za-z-]+\\}`([^`]*)`");

    /** A Markdown link or image reads as its text. */
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)\\s]*\\)");

    /** Markdown strong emphasis ({@code **Hohmann transfer**}) reads as its text. */
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");

    /** A word of prose: lower case, or capitalised, three letters or more ("qArLr" and "Cr" are symbols). */
    private static final Pattern PROSE_WORD =
            Pattern.compile("(?<![\\p{L}\\d])(?:\\p{Lu}\\p{Ll}{2,}|\\p{Ll}{3,})(?![\\p{L}\\d])");

    private static final Pattern FORMULA_SIGN = Pattern.compile("[=+<>^∑∫√∆∂≈≤≥±×÷∞]");
    private static final Pattern EQUATION_NUMBER = Pattern.compile("\\(\\d{1,3}[a-z]?\\)\\s*$");
    private static final int MIN_PROSE_WORDS = 3;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Longer than any sentence a student writes: beyond this, a "sentence" is lines without punctuation. */
    private static final int MAX_SENTENCE_CHARS = 350;

    /** How long a group of such lines may grow before the next line starts a new group. */
    private static final int MAX_LINE_GROUP_CHARS = 200;

    private Sentences() {}

    /**
     * A passage's text without Markdown heading lines (a chunk of a Markdown section starts with its heading,
     * which is already the citation's section title and would otherwise glue onto the first sentence) and without
     * MyST markup a student never wrote as prose.
     */
    static String body(String text) {
        String body = HEADING_LINE.matcher(text).replaceAll("");
        body = DIRECTIVE_LINE.matcher(body).replaceAll("");
        body = ROLE.matcher(body).replaceAll("$1");
        body = LINK.matcher(body).replaceAll("$1");
        body = STRONG.matcher(body).replaceAll("$2");
        return body.isBlank() ? text : body;
    }

    /**
     * The sentences of a passage (Markdown heading lines left out). A run of formula lines ends a sentence: PDF
     * text puts an equation's pieces on lines of their own ("Cld = (5)", "qArLr") without punctuation, which
     * would otherwise glue the formula and the prose after it into one long sentence. The formula stays with
     * the sentence that introduces it ("... is defined as: Cld = ...").
     */
    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        // A blank line ends a paragraph, and with it a sentence, full stop or not (notes often list facts so).
        for (String paragraph : PARAGRAPH_BREAK.split(body(text))) {
            StringBuilder unit = new StringBuilder();
            List<Integer> lineStarts = new ArrayList<>();
            boolean afterFormula = false;
            for (String line : paragraph.split("\\n")) {
                boolean formula = isFormula(line);
                if (afterFormula && !formula && !line.isBlank()) {
                    addSentences(unit.toString(), lineStarts, sentences);
                    unit.setLength(0);
                    lineStarts.clear();
                }
                String clean = WHITESPACE.matcher(line).replaceAll(" ").trim();
                if (!clean.isEmpty()) {
                    lineStarts.add(unit.length());
                    unit.append(clean).append(' ');
                }
                afterFormula = formula;
            }
            addSentences(unit.toString(), lineStarts, sentences);
        }
        return sentences;
    }

    /**
     * The sentences of a run of lines. A "sentence" longer than {@value #MAX_SENTENCE_CHARS} characters is no
     * sentence but lines without punctuation (a usage message, a table, a list of fields): it is cut back into
     * groups of its lines, so an answer can quote the line that matters instead of the whole block.
     */
    private static void addSentences(String text, List<Integer> lineStarts, List<String> sentences) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        iterator.setText(text);
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = text.substring(start, end).trim();
            if (sentence.length() <= MAX_SENTENCE_CHARS) {
                if (!sentence.isEmpty()) {
                    sentences.add(sentence);
                }
                continue;
            }
            int from = start;
            int to = end;
            List<Integer> cuts =
                    lineStarts.stream().filter(l -> l > from && l < to).toList();
            int pieceStart = start;
            for (int i = 0; i < cuts.size(); i++) {
                int lineEnd = i + 1 < cuts.size() ? cuts.get(i + 1) : end;
                if (lineEnd - pieceStart > MAX_LINE_GROUP_CHARS) { // the line starting at cuts[i] does not fit
                    sentences.add(text.substring(pieceStart, cuts.get(i)).trim());
                    pieceStart = cuts.get(i);
                }
            }
            sentences.add(text.substring(pieceStart, end).trim());
        }
    }

    /**
     * A line that is part of a formula, not prose: fewer than {@value #MIN_PROSE_WORDS} words, and a formula
     * sign, an equation number or no word at all. Prose that mentions "x = 0" has more words than that.
     */
    static boolean isFormula(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        int words = 0;
        Matcher word = PROSE_WORD.matcher(trimmed);
        while (word.find()) {
            words++;
        }
        return words < MIN_PROSE_WORDS
                && (words == 0
                        || FORMULA_SIGN.matcher(trimmed).find()
                        || EQUATION_NUMBER.matcher(trimmed).find());
    }

    /** The text (Markdown heading lines left out) cut at a word boundary to at most {@code max} characters, with an ellipsis when cut. */
    public static String snippet(String text, int max) {
        String normalized = body(text).replaceAll("\\s+", " ").trim();
        if (normalized.length() <= max) {
            return normalized;
        }
        int cut = normalized.lastIndexOf(' ', max - 1);
        return normalized.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }

    /** Ends the sentence with the citation marker before its final punctuation: "Text [1]." */
    public static String cite(String sentence, int marker) {
        String trimmed = sentence.trim();
        char last = trimmed.isEmpty() ? ' ' : trimmed.charAt(trimmed.length() - 1);
        if (last == '.' || last == '!' || last == '?') {
            return trimmed.substring(0, trimmed.length() - 1) + " [" + marker + "]" + last;
        }
        return trimmed + " [" + marker + "].";
    }
}
