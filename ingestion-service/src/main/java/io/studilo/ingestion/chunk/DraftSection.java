package io.studilo.ingestion.chunk;

import java.util.List;

/** A section found in a document, with its lines, before it is stored. */
public record DraftSection(int ordinal, String title, int level, int pageStart, int pageEnd, List<SectionLine> lines) {

    public DraftSection {
        lines = List.copyOf(lines);
    }

    public int wordCount() {
        return lines.stream().mapToInt(l -> Tokens.words(l.text())).sum();
    }

    public int equationCount() {
        return (int)
                lines.stream().filter(l -> Tokens.looksLikeEquation(l.text())).count();
    }
}
