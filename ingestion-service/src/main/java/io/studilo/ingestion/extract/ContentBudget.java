package io.studilo.ingestion.extract;

import java.time.Instant;

/**
 * What PDFBox may spend on one page's content stream. PDFBox neither honours interrupts nor bounds the
 * graphics-state stack, so a hostile page ({@code q} two million times, endless operators) would keep a
 * worker thread busy past the document's time limit or fill the heap with saved states until the whole
 * service stalls in garbage collection. The text stripper and the renderer consult this on every operator.
 */
final class ContentBudget {

    /** Nested {@code q} beyond this are ignored: PDF's own implementation limit is 28, real files stay far below. */
    static final int MAX_GRAPHICS_DEPTH = 256;

    /** Operators on one page (including its forms and Type 3 glyphs); dense real pages have a few hundred thousand. */
    static final long MAX_OPERATORS = 3_000_000;

    private static final int CHECK_EVERY = 4096;

    private final Instant deadline;
    private long operators;

    ContentBudget(Instant deadline) {
        this.deadline = deadline;
    }

    /** Called before each operator; throws when the page is over budget or the document's time is up. */
    void operator() {
        operators++;
        if (operators % CHECK_EVERY == 0) {
            if (Instant.now().isAfter(deadline) || Thread.currentThread().isInterrupted()) {
                throw new DocumentTimeoutException();
            }
            if (operators > MAX_OPERATORS) {
                throw new PageTooComplexException();
            }
        }
    }

    /** A page whose content is too large to read or render within the budget. */
    static final class PageTooComplexException extends RuntimeException {
        PageTooComplexException() {
            super("more than " + MAX_OPERATORS + " content operators on one page");
        }
    }
}
