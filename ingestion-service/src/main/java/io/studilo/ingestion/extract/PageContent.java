package io.studilo.ingestion.extract;

import java.util.List;
import java.util.stream.Collectors;

/** The text of one page (1-based number) and how it was read. */
public record PageContent(int number, List<TextLine> lines, ReadMethod method) {

    public PageContent {
        lines = List.copyOf(lines);
    }

    public String text() {
        return lines.stream().map(TextLine::text).collect(Collectors.joining("\n"));
    }

    public int charCount() {
        return lines.stream().mapToInt(l -> l.text().length()).sum();
    }
}
