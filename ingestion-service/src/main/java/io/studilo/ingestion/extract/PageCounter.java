package io.studilo.ingestion.extract;

import io.studilo.ingestion.document.DocumentKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Reads how many pages a file declares, cheaply (a PDF's page tree count, a TIFF's frame count), so uploads
 * over the page limit are refused before any work is queued. Empty when it cannot tell: the worker decides.
 */
public final class PageCounter {

    /** TIFF frames are counted up to this; any page limit in use is below it. */
    private static final int MAX_COUNTED_FRAMES = 100_000;

    private PageCounter() {}

    public static OptionalInt declaredPages(DocumentKind kind, Path file) {
        try {
            return switch (kind) {
                case PDF -> pdfPages(file);
                case TIFF -> tiffPages(file);
                case PNG, JPEG -> OptionalInt.of(1);
                case TEXT, MARKDOWN -> OptionalInt.empty();
            };
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            // LinkageError: PDFBox needs BouncyCastle for certificate-encrypted PDFs, which is not on the path.
            return OptionalInt.empty();
        }
    }

    private static OptionalInt pdfPages(Path file) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(
                new RandomAccessReadBufferedFile(file.toFile()),
                "",
                null,
                null,
                IOUtils.createTempFileOnlyStreamCache())) {
            return OptionalInt.of(pdf.getNumberOfPages());
        }
    }

    private static OptionalInt tiffPages(Path file) throws IOException {
        // Bounded: a frame chain that loops or never ends counts as over any page limit.
        return OptionalInt.of(TiffFrames.count(file, MAX_COUNTED_FRAMES));
    }
}
