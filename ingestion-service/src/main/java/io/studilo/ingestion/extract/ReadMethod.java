package io.studilo.ingestion.extract;

/** How a page's text was obtained. */
public enum ReadMethod {
    /** From the PDF's text layer (or the text file itself). */
    TEXT,
    /** Rendered and recognised by Tesseract. */
    OCR
}
