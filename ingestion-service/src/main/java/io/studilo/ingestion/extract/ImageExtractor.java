package io.studilo.ingestion.extract;

import io.studilo.ingestion.IngestionProperties;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.springframework.stereotype.Component;

/**
 * OCRs a PNG, JPEG or (multi-page) TIFF: each frame is a page. A frame's declared size is checked before it
 * is decoded: beyond {@code maxImagePixels} (or {@link #MAX_SIDE} a side) it is refused, and frames larger
 * than the render limit are subsampled while decoding, so a decompression bomb cannot exhaust memory.
 */
@Component
class ImageExtractor {

    /** Scans rarely say their resolution reliably; Tesseract is told the usual scanner setting. */
    private static final int ASSUMED_DPI = 300;

    /** JPEG's own maximum; decoders allocate whole rows, so a wider "image" is refused before decoding. */
    static final int MAX_SIDE = 65_535;

    private final OcrEngine ocr;
    private final IngestionProperties.Worker worker;
    private final int maxPages;

    ImageExtractor(OcrEngine ocr, IngestionProperties properties) {
        this.ocr = ocr;
        this.worker = properties.worker();
        this.maxPages = properties.upload().maxPages();
    }

    Extraction extract(Path file, ExtractionListener listener, Instant deadline) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UnreadableDocumentException("This image could not be read.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                // Never getNumImages(true) on a TIFF: the JDK's reader follows a looping frame chain forever.
                int frames = reader.getFormatName().equalsIgnoreCase("tif")
                                || reader.getFormatName().equalsIgnoreCase("tiff")
                        ? TiffFrames.count(file, maxPages)
                        : reader.getNumImages(true);
                if (frames <= 0) {
                    throw new UnreadableDocumentException("This image has no pages.");
                }
                if (frames > maxPages) {
                    throw new UnreadableDocumentException("The image has more than " + maxPages + " pages.");
                }
                List<PageContent> pages = new ArrayList<>();
                for (int i = 0; i < frames; i++) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new DocumentTimeoutException();
                    }
                    BufferedImage image = read(reader, i);
                    Future<OcrEngine.OcrResult> result = ocr.submit(image, ASSUMED_DPI, () -> {});
                    pages.add(new PageContent(i + 1, lines(await(result, i + 1, deadline)), ReadMethod.OCR));
                    listener.pages(frames, i + 1, i + 1);
                }
                return new Extraction(pages, List.of());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            if (e instanceof UnreadableDocumentException || e instanceof DocumentTimeoutException) {
                throw (RuntimeException) e;
            }
            throw new UnreadableDocumentException("This image could not be read.", e);
        } catch (OutOfMemoryError e) {
            // A single decode buffer too large for the heap; it is free again once thrown.
            throw new UnreadableDocumentException("This image is too large to read.", e);
        }
    }

    private BufferedImage read(ImageReader reader, int index) throws IOException {
        int width = reader.getWidth(index);
        int height = reader.getHeight(index);
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new UnreadableDocumentException("This image could not be read.");
        }
        if (pixels > worker.maxImagePixels() || Math.max(width, height) > MAX_SIDE) {
            throw new UnreadableDocumentException(
                    "The image is too large (" + width + " x " + height + " pixels). Please upload a smaller scan.");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        if (pixels > worker.maxRenderPixels()) {
            int step = (int) Math.ceil(Math.sqrt((double) pixels / worker.maxRenderPixels()));
            param.setSourceSubsampling(step, step, 0, 0);
        }
        return reader.read(index, param);
    }

    private static List<TextLine> lines(OcrEngine.OcrResult result) {
        return result.text()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(TextLine::plain)
                .toList();
    }

    private static OcrEngine.OcrResult await(Future<OcrEngine.OcrResult> f, int page, Instant deadline) {
        try {
            return f.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new DocumentTimeoutException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new DocumentTimeoutException();
        } catch (ExecutionException e) {
            throw new UnreadableDocumentException("Page " + page + " could not be read.", e.getCause());
        }
    }
}
