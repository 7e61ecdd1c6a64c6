package io.studilo.ingestion.chunk;

import io.studilo.ingestion.extract.PageContent;
import io.studilo.ingestion.extract.TextLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mends words that justified text broke at the end of a line ("manip-" / "ulate the archive"). Left broken, the
 * pieces are neither searchable words nor readable quotes in answers and exam questions. Whether the hyphen
 * belongs to the word is judged by the document itself: a word it writes whole elsewhere ("manipulate") is
 * joined whole, one it writes hyphenated elsewhere ("well-known") keeps its hyphen, and otherwise the hyphen
 * stays only when both pieces are words of the document on their own (a compound: "heat-" / "shield").
 */
final class Hyphenation {

    /** A line ending in a word piece of two or more letters and a hyphen (not a dash, not a lone "-"). */
    private static final Pattern BROKEN_END = Pattern.compile("(?<![\\p{L}-])(\\p{L}[\\p{L}-]*\\p{Ll})-$");

    /** The rest of the word at the start of the next line: lower-case letters, then anything not a letter. */
    private static final Pattern CONTINUATION = Pattern.compile("^(\\p{Ll}+)(.*)$", Pattern.DOTALL);

    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:-\\p{L}+)*");

    private Hyphenation() {}

    /** The pages with broken words mended: the rest of a word moves up to the line (and page) its start is on. */
    static List<PageContent> mend(List<PageContent> pages) {
        Set<String> words = words(pages);
        List<List<TextLine>> lines = new ArrayList<>();
        for (PageContent page : pages) {
            lines.add(new ArrayList<>(page.lines()));
        }
        int previousPage = -1;
        int previousIndex = -1;
        for (int p = 0; p < lines.size(); p++) {
            List<TextLine> page = lines.get(p);
            for (int i = 0; i < page.size(); i++) {
                TextLine line = page.get(i);
                if (line.text().isBlank()) {
                    previousPage = -1; // a paragraph break: the line before it did not end in a broken word
                    continue;
                }
                if (previousPage >= 0) {
                    TextLine previous = lines.get(previousPage).get(previousIndex);
                    Matcher end = BROKEN_END.matcher(previous.text());
                    Matcher rest = CONTINUATION.matcher(line.text().stripLeading());
                    if (previous.text().endsWith("-") && end.find() && rest.matches()) {
                        String word = joined(end.group(1), rest.group(1), words);
                        String before = previous.text().substring(0, end.start(1));
                        lines.get(previousPage)
                                .set(previousIndex, new TextLine(before + word, previous.fontSize(), previous.bold()));
                        String remainder = rest.group(2).stripLeading();
                        if (remainder.isEmpty()) {
                            page.set(i, null); // the line held nothing but the rest of the word
                            continue;
                        }
                        page.set(i, new TextLine(remainder, line.fontSize(), line.bold()));
                    }
                }
                previousPage = p;
                previousIndex = i;
            }
        }
        List<PageContent> mended = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            List<TextLine> kept = lines.get(p).stream().filter(Objects::nonNull).toList();
            mended.add(new PageContent(pages.get(p).number(), kept, pages.get(p).method()));
        }
        return mended;
    }

    private static String joined(String head, String tail, Set<String> words) {
        String whole = head + tail;
        String hyphenated = head + "-" + tail;
        if (words.contains(whole.toLowerCase(Locale.ROOT))) {
            return whole;
        }
        if (words.contains(hyphenated.toLowerCase(Locale.ROOT))) {
            return hyphenated;
        }
        String lastPart = head.substring(head.lastIndexOf('-') + 1).toLowerCase(Locale.ROOT);
        boolean compound = lastPart.length() >= 3
                && tail.length() >= 3
                && words.contains(lastPart)
                && words.contains(tail.toLowerCase(Locale.ROOT));
        return compound ? hyphenated : whole;
    }

    /**
     * Every word the document writes whole within a line (hyphenated compounds both whole and as their parts);
     * not the pieces of broken words, at the end of one line and the start of the next.
     */
    private static Set<String> words(List<PageContent> pages) {
        Set<String> words = new HashSet<>();
        boolean continues = false;
        for (PageContent page : pages) {
            for (TextLine line : page.lines()) {
                String text = line.text().strip();
                if (continues) {
                    text = text.replaceFirst("^\\p{L}+", "");
                }
                continues = text.endsWith("-") && BROKEN_END.matcher(text).find();
                if (continues) {
                    text = text.substring(0, text.lastIndexOf(' ') + 1);
                }
                Matcher m = WORD.matcher(text);
                while (m.find()) {
                    String word = m.group().toLowerCase(Locale.ROOT);
                    words.add(word);
                    if (word.indexOf('-') > 0) {
                        words.addAll(List.of(word.split("-")));
                    }
                }
            }
        }
        return words;
    }
}
