package io.studilo.ingestion.extract;

import io.studilo.ingestion.document.DocumentKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Reads how many pages a file declares, cheaply (a PDF's page tree count, a TIFF's frame count), so uploads
 * over the page limit are refused before any work is queued. Empty when it cannot tell: the worker decides.
 */
public final class PageCounter {

    private PageCounter() {}

    public static OptionalInt declaredPages(DocumentKind kind, Path file) {
        try {
            return switch (kind) {
                case PDF -> pdfPages(file);
                case TIFF -> tiffPages(file);
                case PNG, JPEG -> OptionalInt.of(1);
                case TEXT, MARKDOWN -> OptionalInt.empty();
            };
        } catch (IOException | RuntimeException | StackOverflowError e) {
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
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return OptionalInt.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return OptionalInt.of(reader.getNumImages(true));
            } finally {
                reader.dispose();
            }
        }
    }
}
