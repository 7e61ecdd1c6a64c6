package io.studilo.ingestion.document;

/** How one page was read. {@code method} is TEXT (the PDF's text layer) or OCR. */
public record PageRow(int pageNumber, String method, int charCount) {}
