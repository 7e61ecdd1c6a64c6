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

    private Sentences() {}

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
