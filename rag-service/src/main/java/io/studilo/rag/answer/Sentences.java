package io.studilo.rag.answer;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sentence splitting and snippets. */
public final class Sentences {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern HEADING_LINE = Pattern.compile("(?m)^[ \\t]{0,3}#{1,6}[ \\t]+.*$");

    private Sentences() {}

    /**
     * A passage's text without Markdown heading lines: a chunk of a Markdown section starts with its heading,
     * which is already the citation's section title and would otherwise glue onto the first sentence.
     */
    static String body(String text) {
        String body = HEADING_LINE.matcher(text).replaceAll("");
        return body.isBlank() ? text : body;
    }

    /** The sentences of a passage (Markdown heading lines left out). */
    public static List<String> split(String text) {
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        List<String> sentences = new ArrayList<>();
        // A blank line ends a paragraph, and with it a sentence, full stop or not (notes often list facts so).
        for (String paragraph : PARAGRAPH_BREAK.split(body(text))) {
            String normalized = paragraph.replaceAll("\\s+", " ").trim();
            iterator.setText(normalized);
            int start = iterator.first();
            for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
                String sentence = normalized.substring(start, end).trim();
                if (!sentence.isEmpty()) {
                    sentences.add(sentence);
                }
            }
        }
        return sentences;
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
