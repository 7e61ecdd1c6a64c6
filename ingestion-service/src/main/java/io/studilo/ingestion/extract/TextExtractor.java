package io.studilo.ingestion.extract;

import io.studilo.ingestion.IngestionProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads a plain-text or Markdown file as "pages" of about {@code textPageChars} characters, cut at line
 * breaks (and never inside a fenced code or display-math block when avoidable), so citations can still point
 * to a place in the file.
 */
@Component
class TextExtractor {

    private final int pageChars;
    private final int maxPages;

    TextExtractor(IngestionProperties properties) {
        this.pageChars = properties.worker().textPageChars();
        this.maxPages = properties.upload().maxPages();
    }

    Extraction extract(Path file, ExtractionListener listener) {
        List<PageContent> pages = new ArrayList<>();
        List<TextLine> current = new ArrayList<>();
        int chars = 0;
        boolean inBlock = false;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String read; (read = reader.readLine()) != null; ) {
                for (String line : pieces(read)) {
                    String trimmed = line.strip();
                    if (trimmed.startsWith("```") || trimmed.equals("$$")) {
                        inBlock = !inBlock;
                    }
                    // An unclosed fence must not make the rest of the file one page: past 4 pages' worth, cut.
                    boolean cut = chars >= pageChars
                            && ((!inBlock && (trimmed.isEmpty() || chars >= 2 * pageChars)) || chars >= 4 * pageChars);
                    if (cut) {
                        pages.add(new PageContent(pages.size() + 1, current, ReadMethod.TEXT));
                        current = new ArrayList<>();
                        chars = 0;
                        if (pages.size() >= maxPages) {
                            // Checked while reading, so an oversized text is refused before it is all in memory.
                            throw new UnreadableDocumentException("The text is longer than " + maxPages + " pages of "
                                    + pageChars + " characters. Please split it into smaller files.");
                        }
                    }
                    if (!line.isBlank() || !current.isEmpty()) {
                        current.add(TextLine.plain(line.stripTrailing()));
                        chars += line.length() + 1;
                    }
                }
            }
        } catch (IOException e) {
            throw new UnreadableDocumentException("The text file could not be read.", e);
        }
        if (!current.isEmpty()) {
            pages.add(new PageContent(pages.size() + 1, current, ReadMethod.TEXT));
        }
        listener.pages(pages.size(), pages.size(), 0);
        return new Extraction(pages, List.of());
    }

    /** A line longer than a page is cut into page-sized pieces, at the last space before the cut if any. */
    private List<String> pieces(String line) {
        if (line.length() <= 2 * pageChars) {
            return List.of(line);
        }
        List<String> pieces = new ArrayList<>();
        int from = 0;
        while (line.length() - from > pageChars) {
            int to = from + pageChars;
            int space = line.lastIndexOf(' ', to);
            if (space > from + pageChars / 2) {
                to = space;
            }
            pieces.add(line.substring(from, to));
            from = to;
        }
        pieces.add(line.substring(from));
        return pieces;
    }
}
