package io.studilo.ingestion.extract;

import io.studilo.ingestion.document.DocumentKind;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Reads any supported document into pages, choosing the reader by the kind detected at upload. */
@Component
public class Extractor {

    private final PdfExtractor pdf;
    private final ImageExtractor images;
    private final TextExtractor text;
    private final PhaseTimers timers;

    Extractor(PdfExtractor pdf, ImageExtractor images, TextExtractor text, PhaseTimers timers) {
        this.pdf = pdf;
        this.images = images;
        this.text = text;
        this.timers = timers;
    }

    /**
     * @throws UnreadableDocumentException when the document cannot be read (the message is for the student)
     * @throws DocumentTimeoutException when {@code deadline} passes
     */
    public Extraction extract(DocumentKind kind, Path file, ExtractionListener listener, Instant deadline) {
        Extraction extraction = switch (kind) {
            case PDF -> pdf.extract(file, listener, deadline);
            case PNG, JPEG, TIFF -> images.extract(file, listener, deadline);
            case TEXT, MARKDOWN -> text.extract(file, listener);
        };
        extraction.pages().forEach(p -> timers.pageRead(p.method()));
        return extraction;
    }
}
