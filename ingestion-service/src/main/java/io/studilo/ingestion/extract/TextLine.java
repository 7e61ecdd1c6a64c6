package io.studilo.ingestion.extract;

/** One line of a page's text with the largest font size on it (0 when unknown, as for OCR) and boldness. */
public record TextLine(String text, float fontSize, boolean bold) {

    public static TextLine plain(String text) {
        return new TextLine(text, 0f, false);
    }
}
