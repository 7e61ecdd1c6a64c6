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

    TextExtractor(IngestionProperties properties) {
        this.pageChars = properties.worker().textPageChars();
    }

    Extraction extract(Path file, ExtractionListener listener) {
        List<PageContent> pages = new ArrayList<>();
        List<TextLine> current = new ArrayList<>();
        int chars = 0;
        boolean inBlock = false;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                String trimmed = line.strip();
                if (trimmed.startsWith("```") || trimmed.equals("$$")) {
                    inBlock = !inBlock;
                }
                if (chars >= pageChars && !inBlock && (trimmed.isEmpty() || chars >= 2 * pageChars)) {
                    pages.add(new PageContent(pages.size() + 1, current, ReadMethod.TEXT));
                    current = new ArrayList<>();
                    chars = 0;
                }
                if (!line.isBlank() || !current.isEmpty()) {
                    current.add(TextLine.plain(line.stripTrailing()));
                    chars += line.length() + 1;
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
}
