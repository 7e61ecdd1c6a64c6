package io.studilo.ingestion.chunk;

import java.util.regex.Pattern;

/** Cheap text measures: words, an estimate of model tokens, and whether a line looks like an equation. */
final class Tokens {

    private static final Pattern INLINE_MATH = Pattern.compile("\\$[^$]+\\$|\\\\\\(|\\\\\\[|\\\\begin\\{");
    private static final Pattern MATH_SYMBOLS = Pattern.compile("[=<>≤≥≈≠±∑∫√∂∆∇πθωαβγλμσ^_]");

    private Tokens() {}

    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** Word-piece tokenizers split long and technical words: about 4/3 tokens per word, at least chars/4. */
    static int estimate(String text) {
        return Math.max((int) Math.ceil(words(text) * 4.0 / 3.0), (text.length() + 3) / 4);
    }

    static boolean looksLikeEquation(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return false;
        }
        boolean mathMarkup = t.indexOf('$') >= 0 || t.indexOf('\\') >= 0; // the regex runs only where it may match
        if (t.contains("$$") || (mathMarkup && INLINE_MATH.matcher(t).find())) {
            return true;
        }
        if (!t.contains("=") || words(t) > 20) {
            return false;
        }
        long letters = t.chars().filter(Character::isLetter).count();
        long symbols = MATH_SYMBOLS.matcher(t).results().count();
        return symbols >= 2 || (double) letters / t.length() < 0.5;
    }
}
