package io.studilo.ingestion.chunk;

import io.studilo.ingestion.document.DocumentKind;
import io.studilo.ingestion.extract.Extraction;
import io.studilo.ingestion.extract.OutlineEntry;
import io.studilo.ingestion.extract.PageContent;
import io.studilo.ingestion.extract.TextLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a document's sections, in order of preference: the PDF's bookmarks; Markdown headings; headings told
 * apart by a larger (or bold, numbered) font, or else by bold capitals; else sections of a fixed number of pages.
 */
public final class SectionDetector {

    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6})[ \\t]+(.+?)[ \\t#]*$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\d+(\\.\\d+)*\\.?|[IVX]+\\.|[A-Z]\\.)\\s+\\p{L}.*");
    private static final double HEADING_SIZE_RATIO = 1.15;
    private static final int MAX_HEADING_WORDS = 15;
    private static final int MAX_TITLE_LENGTH = 200;
    private static final Pattern CAPITALS_TITLE = Pattern.compile("\\p{Lu}[\\p{Lu}\\p{N} &-]*");
    private static final int MAX_CAPITALS_WORDS = 6;
    /** A heading has a word of three letters or more; "r s" or "Cr c Yₘₐ" are the labels of a figure. */
    private static final Pattern WORD = Pattern.compile("[\\p{Lu}\\p{Ll}]{3,}");

    private static final int MIN_CAPITALS_HEADINGS = 3;

    /**
     * More sections than this are not a structure but noise (a file of nothing but headings): the deepest
     * heading levels are dropped until it fits, else the document gets page-range sections. Each section is
     * a row, an event entry and at least one chunk, so this also bounds what one document costs.
     */
    static final int MAX_SECTIONS = 1000;

    private record Marker(int lineIndex, String title, int level) {}

    private record Located(TextLine line, int page) {}

    private final int pageRangeSize;

    public SectionDetector(int pageRangeSize) {
        this.pageRangeSize = pageRangeSize;
    }

    public List<DraftSection> detect(DocumentKind kind, Extraction extraction) {
        List<PageContent> pages = extraction.pages();
        if (kind == DocumentKind.PDF) {
            pages = PageFurniture.remove(pages);
        }
        if (!kind.isText()) {
            // Typeset and scanned pages break words at line ends; typed text files do not.
            pages = Hyphenation.mend(pages);
        }
        List<Located> lines = new ArrayList<>();
        for (PageContent page : pages) {
            for (TextLine line : page.lines()) {
                lines.add(new Located(line, page.number()));
            }
        }
        int lastPage = extraction.pages().isEmpty()
                ? 1
                : extraction.pages().get(extraction.pages().size() - 1).number();
        List<Marker> markers = List.of();
        if (!extraction.outline().isEmpty()) {
            markers = fromOutline(extraction.outline(), lines);
        } else if (kind == DocumentKind.MARKDOWN) {
            markers = fromMarkdown(lines);
        } else if (kind == DocumentKind.PDF) {
            markers = fromFonts(lines);
        }
        markers = withinLimit(markers);
        if (markers.isEmpty()) {
            return byPageRange(lines, lastPage);
        }
        return split(lines, markers, lastPage);
    }

    private static List<Marker> withinLimit(List<Marker> markers) {
        int level = markers.stream().mapToInt(Marker::level).max().orElse(1);
        List<Marker> kept = markers;
        while (kept.size() > MAX_SECTIONS && level > 1) {
            level--;
            int max = level;
            kept = kept.stream().filter(m -> m.level() <= max).toList();
        }
        return kept.size() > MAX_SECTIONS ? List.of() : kept;
    }

    private static List<DraftSection> split(List<Located> lines, List<Marker> markers, int lastPage) {
        List<DraftSection> sections = new ArrayList<>();
        int firstMarker = markers.get(0).lineIndex();
        List<Located> preamble = lines.subList(0, firstMarker);
        int preambleWords =
                preamble.stream().mapToInt(l -> Tokens.words(l.line().text())).sum();
        int start = 0;
        if (preambleWords >= 20) {
            sections.add(section(0, "Introduction", 1, preamble, lastPage));
            start = firstMarker;
        }
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            int from = i == 0 ? start : m.lineIndex();
            int to = i + 1 < markers.size() ? markers.get(i + 1).lineIndex() : lines.size();
            sections.add(section(sections.size(), m.title(), m.level(), lines.subList(from, to), lastPage));
        }
        return sections;
    }

    private static DraftSection section(int ordinal, String title, int level, List<Located> lines, int lastPage) {
        int pageStart = lines.isEmpty() ? lastPage : lines.get(0).page();
        int pageEnd = lines.isEmpty() ? pageStart : lines.get(lines.size() - 1).page();
        String cleanTitle = title.strip();
        if (cleanTitle.length() > MAX_TITLE_LENGTH) {
            cleanTitle = cleanTitle.substring(0, MAX_TITLE_LENGTH).strip();
        }
        return new DraftSection(
                ordinal,
                cleanTitle,
                level,
                pageStart,
                pageEnd,
                lines.stream()
                        .map(l -> new SectionLine(l.line().text(), l.page()))
                        .toList());
    }

    /** Each bookmark starts its section at the line on its page that carries its title (else the page top). */
    private static List<Marker> fromOutline(List<OutlineEntry> outline, List<Located> lines) {
        Map<Integer, Integer> firstLineOfPage = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            firstLineOfPage.putIfAbsent(lines.get(i).page(), i);
        }
        List<OutlineEntry> ordered = new ArrayList<>(outline);
        ordered.sort((a, b) -> Integer.compare(a.page(), b.page())); // stable: keeps outline order on a page
        List<Marker> markers = new ArrayList<>();
        int cursor = 0;
        for (OutlineEntry entry : ordered) {
            Integer pageStart = null;
            for (int p = entry.page(); p <= entry.page() + 1 && pageStart == null; p++) {
                pageStart = firstLineOfPage.get(p);
            }
            if (pageStart == null) {
                continue; // a bookmark to a page without text
            }
            int at = Math.max(cursor, pageStart);
            String wanted = compact(entry.title());
            for (int i = at; i < lines.size() && lines.get(i).page() <= entry.page(); i++) {
                String line = compact(lines.get(i).line().text());
                // A title broken over two lines matches on its first line, but a lone "2" is no title.
                boolean titleStart = line.length() * 2 >= wanted.length() && wanted.startsWith(line);
                if (!wanted.isEmpty() && !line.isEmpty() && (line.contains(wanted) || titleStart)) {
                    at = i;
                    break;
                }
            }
            if (!markers.isEmpty() && markers.get(markers.size() - 1).lineIndex() == at) {
                markers.remove(markers.size() - 1); // two bookmarks at one spot: keep the deeper, later one
            }
            markers.add(new Marker(at, entry.title(), entry.level()));
            cursor = at;
        }
        return markers;
    }

    private static List<Marker> fromMarkdown(List<Located> lines) {
        List<Marker> markers = new ArrayList<>();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).line().text();
            if (text.strip().startsWith("```") || text.strip().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = MARKDOWN_HEADING.matcher(text.strip());
            if (!fenced && m.matches()) {
                markers.add(new Marker(i, m.group(2), m.group(1).length()));
            }
        }
        return markers;
    }

    /**
     * Headings: short lines set clearly larger than the body text, or bold numbered ones ("2.1 Drag"); failing
     * those, bold lines in capitals.
     */
    private static List<Marker> fromFonts(List<Located> lines) {
        Map<Float, Integer> charsBySize = new HashMap<>();
        for (Located l : lines) {
            float size = Math.round(l.line().fontSize() * 2) / 2f;
            if (size > 0) {
                charsBySize.merge(size, l.line().text().length(), Integer::sum);
            }
        }
        if (charsBySize.isEmpty()) {
            return List.of();
        }
        float body = charsBySize.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        TreeSet<Float> headingSizes = new TreeSet<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            TextLine line = lines.get(i).line();
            if (!looksLikeHeading(line.text())) {
                continue;
            }
            float size = Math.round(line.fontSize() * 2) / 2f;
            boolean larger = size >= body * HEADING_SIZE_RATIO;
            boolean boldNumbered =
                    line.bold() && size >= body && NUMBERED.matcher(line.text()).matches();
            if (larger || boldNumbered) {
                candidates.add(i);
                headingSizes.add(size);
            }
        }
        if (candidates.size() < 2) {
            // No heading font: headings set in bold capitals at the body size ("DESCRIPTION", "SEE ALSO", as in
            // manual pages and typed notes), when there are enough of them to be a structure.
            candidates = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                TextLine line = lines.get(i).line();
                if (line.bold() && line.fontSize() >= body * 0.95 && boldCapitalsTitle(line.text())) {
                    candidates.add(i);
                }
            }
            if (candidates.size() < MIN_CAPITALS_HEADINGS) {
                return List.of();
            }
            headingSizes.clear();
            candidates.forEach(
                    i -> headingSizes.add(Math.round(lines.get(i).line().fontSize() * 2) / 2f));
        }
        if (candidates.size() > lines.size() / 2) {
            return List.of();
        }
        List<Float> bySizeDesc = new ArrayList<>(headingSizes.descendingSet());
        List<Marker> markers = new ArrayList<>();
        for (int i : candidates) {
            TextLine line = lines.get(i).line();
            float size = Math.round(line.fontSize() * 2) / 2f;
            int level = Math.min(3, bySizeDesc.indexOf(size) + 1);
            // Consecutive heading lines (a title broken over two lines) make one heading.
            if (!markers.isEmpty()
                    && markers.get(markers.size() - 1).lineIndex() == i - 1
                    && markers.get(markers.size() - 1).level() == level) {
                Marker previous = markers.remove(markers.size() - 1);
                markers.add(new Marker(previous.lineIndex(), previous.title() + " " + line.text(), level));
                continue;
            }
            markers.add(new Marker(i, line.text(), level));
        }
        return markers;
    }

    /** A short title in capitals: letters (three or more), digits, spaces, hyphens and ampersands only. */
    private static boolean boldCapitalsTitle(String text) {
        String t = text.strip();
        return CAPITALS_TITLE.matcher(t).matches()
                && Tokens.words(t) <= MAX_CAPITALS_WORDS
                && t.codePoints().filter(Character::isLetter).count() >= 3;
    }

    private static boolean looksLikeHeading(String text) {
        String t = text.strip();
        int words = Tokens.words(t);
        return t.length() >= 2
                && words <= MAX_HEADING_WORDS
                && WORD.matcher(t).find()
                && !t.endsWith(".")
                && !t.endsWith(",")
                && !Tokens.looksLikeEquation(t);
    }

    private List<DraftSection> byPageRange(List<Located> lines, int lastPage) {
        List<DraftSection> sections = new ArrayList<>();
        int from = 0;
        for (int first = 1; first <= lastPage; first += pageRangeSize) {
            int last = Math.min(lastPage, first + pageRangeSize - 1);
            int to = from;
            while (to < lines.size() && lines.get(to).page() <= last) {
                to++;
            }
            String title = first == last ? "Page " + first : "Pages " + first + "–" + last;
            DraftSection s = section(sections.size(), title, 1, lines.subList(from, to), lastPage);
            sections.add(new DraftSection(s.ordinal(), s.title(), 1, first, last, s.lines()));
            from = to;
        }
        return sections;
    }

    /** Letters and digits only: "2.13. Non-regular files" and the bookmark "2.13 Nonregular files" are one title. */
    private static String compact(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }
}
