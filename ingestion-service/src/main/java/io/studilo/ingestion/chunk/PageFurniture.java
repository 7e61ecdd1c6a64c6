package io.studilo.ingestion.chunk;

import io.studilo.ingestion.extract.PageContent;
import io.studilo.ingestion.extract.TextLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops what a PDF prints around its content: running headers and footers, page numbers, and the entries of a table
 * of contents or an index. Printed notes repeat a title or chapter name and a page number at the top or bottom of
 * every page; left in, they split sentences that run over a page break ("the RECOMMENDED order to perform the checks
 * 14 Shared MIME-info Database is: ...") and add the same words to every chunk. A line is running when, with its
 * digits ignored, it stands among the first or last {@value #EDGE} lines of at least {@value #MIN_PAGES} pages and a
 * tenth of the document; a line that is only a page number ("12", "iv", "Page 3 of 9") goes wherever it is a
 * page's first or last line. A running head whose title changes from chapter to chapter ("Chapter 3: Utilities 17")
 * is known by its page number instead: when as many pages as above print a number at the start or end of an edge
 * line that runs in step with the page ("17" on page 19, "18" on page 20), the short edge lines that carry their
 * page's number go. A contents or index entry ("2.4 The glob files . . . . 7") repeats a heading and
 * points to a page: it teaches nothing and would compete with the section itself in search.
 */
final class PageFurniture {

    /** How many lines at each end of a page can be a header or footer. */
    private static final int EDGE = 2;

    private static final int MIN_PAGES = 3;
    private static final double MIN_SHARE = 0.1;

    /** Text, then a leader of four or more dots (spaced or not), then a page number (arabic or roman). */
    private static final Pattern LEADER_ENTRY =
            Pattern.compile(".*\\S\\s*(?:\\.\\s*){4,}(?:\\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})\\s*");

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** A number of up to four digits opening or closing a line: where running heads print the page number. */
    private static final Pattern EDGE_NUMBER = Pattern.compile("^(\\d{1,4})\\s.*|.*\\s(\\d{1,4})$");

    /** A running head is short; a body line that happens to end in the right number is not dropped for it. */
    private static final int MAX_HEAD_WORDS = 12;

    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "(?:page\\s+)?(?:#|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))(?:\\s*(?:of|/)\\s*#)?");

    private PageFurniture() {}

    static List<PageContent> remove(List<PageContent> pages) {
        Map<String, Integer> pagesWith = new HashMap<>();
        for (PageContent page : pages) {
            Set<String> keys = new HashSet<>();
            for (int i : edges(page.lines())) {
                keys.add(key(page.lines().get(i).text()));
            }
            keys.forEach(k -> pagesWith.merge(k, 1, Integer::sum));
        }
        int threshold = Math.max(MIN_PAGES, (int) Math.ceil(pages.size() * MIN_SHARE));
        Set<Integer> offsets = pageNumberOffsets(pages, threshold);
        float bodySize = medianSize(pages);
        List<PageContent> cleaned = new ArrayList<>(pages.size());
        for (PageContent page : pages) {
            List<TextLine> lines = page.lines();
            Set<Integer> drop = new HashSet<>();
            List<Integer> edges = edges(lines);
            for (int i : edges) {
                String key = key(lines.get(i).text());
                boolean outermost = i == edges.get(0) || i == edges.get(edges.size() - 1);
                if (pagesWith.getOrDefault(key, 0) >= threshold
                        || (outermost && PAGE_NUMBER.matcher(key).matches())
                        || carriesPageNumber(lines.get(i), page.number(), offsets, bodySize)) {
                    drop.add(i);
                }
            }
            if (drop.size() == nonBlank(lines)) {
                drop.clear(); // a page that is nothing but repeated lines keeps them: they are its content
            }
            for (int i = 0; i < lines.size(); i++) {
                if (hasLeader(lines.get(i).text())) {
                    drop.add(i);
                }
            }
            if (drop.isEmpty()) {
                cleaned.add(page);
                continue;
            }
            List<TextLine> kept = new ArrayList<>(lines.size() - drop.size());
            for (int i = 0; i < lines.size(); i++) {
                if (!drop.contains(i)) {
                    kept.add(lines.get(i));
                }
            }
            cleaned.add(new PageContent(page.number(), kept, page.method()));
        }
        return cleaned;
    }

    /**
     * The differences between printed and physical page numbers that at least {@code threshold} pages show in a
     * number opening or closing one of their edge lines (front matter shifts the printed numbers by a constant).
     */
    private static Set<Integer> pageNumberOffsets(List<PageContent> pages, int threshold) {
        Map<Integer, Integer> pagesWith = new HashMap<>();
        for (PageContent page : pages) {
            Set<Integer> offsets = new HashSet<>();
            for (int i : edges(page.lines())) {
                int printed = edgeNumber(page.lines().get(i).text());
                if (printed >= 0) {
                    offsets.add(printed - page.number());
                }
            }
            offsets.forEach(o -> pagesWith.merge(o, 1, Integer::sum));
        }
        Set<Integer> frequent = new HashSet<>();
        pagesWith.forEach((offset, count) -> {
            if (count >= threshold) {
                frequent.add(offset);
            }
        });
        return frequent;
    }

    /**
     * A short edge line that prints its page's number in step with the others. Not a heading: a bold or larger
     * line ("4 Results" opening page 4) is one even when its number happens to be the page's.
     */
    private static boolean carriesPageNumber(TextLine line, int page, Set<Integer> offsets, float bodySize) {
        if (offsets.isEmpty()
                || line.bold()
                || line.fontSize() > bodySize
                || Tokens.words(line.text()) > MAX_HEAD_WORDS) {
            return false;
        }
        int printed = edgeNumber(line.text());
        return printed >= 0 && offsets.contains(printed - page);
    }

    /** The median font size of the document's lines (0 when unknown, as for OCR'd pages). */
    private static float medianSize(List<PageContent> pages) {
        double[] sizes = pages.stream()
                .flatMap(p -> p.lines().stream())
                .mapToDouble(TextLine::fontSize)
                .sorted()
                .toArray();
        return sizes.length == 0 ? 0 : (float) sizes[sizes.length / 2];
    }

    /** The number opening or closing the line, or -1. */
    private static int edgeNumber(String line) {
        Matcher m = EDGE_NUMBER.matcher(line.strip());
        if (!m.matches()) {
            return -1;
        }
        return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** Indexes of the first and last {@link #EDGE} non-blank lines, in page order, without repeats. */
    private static List<Integer> edges(List<TextLine> lines) {
        List<Integer> nonBlank = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).text().isBlank()) {
                nonBlank.add(i);
            }
        }
        if (nonBlank.size() <= 2 * EDGE) {
            return nonBlank;
        }
        List<Integer> edges = new ArrayList<>(nonBlank.subList(0, EDGE));
        edges.addAll(nonBlank.subList(nonBlank.size() - EDGE, nonBlank.size()));
        return edges;
    }

    /** A table-of-contents entry; the regex only runs on lines with enough dots for a leader. */
    private static boolean hasLeader(String line) {
        int dots = 0;
        for (int i = 0; i < line.length() && dots < 4; i++) {
            if (line.charAt(i) == '.') {
                dots++;
            }
        }
        return dots >= 4 && LEADER_ENTRY.matcher(line).matches();
    }

    private static int nonBlank(List<TextLine> lines) {
        return (int) lines.stream().filter(l -> !l.text().isBlank()).count();
    }

    private static String key(String line) {
        return DIGITS.matcher(line.strip().toLowerCase(Locale.ROOT))
                .replaceAll("#")
                .replaceAll("\\s+", " ");
    }
}
