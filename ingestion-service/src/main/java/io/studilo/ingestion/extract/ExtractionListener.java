package io.studilo.ingestion.extract;

/** Receives progress while pages are read. */
@FunctionalInterface
public interface ExtractionListener {

    void pages(int total, int done, int ocr);

    ExtractionListener NONE = (total, done, ocr) -> {};
}
