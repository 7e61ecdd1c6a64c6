package io.studilo.ingestion.extract;

import java.util.List;

/** Everything read from a document: its pages in order and its outline (empty when it has none). */
public record Extraction(List<PageContent> pages, List<OutlineEntry> outline) {

    public Extraction {
        pages = List.copyOf(pages);
        outline = List.copyOf(outline);
    }

    public int ocrPages() {
        return (int) pages.stream().filter(p -> p.method() == ReadMethod.OCR).count();
    }
}
