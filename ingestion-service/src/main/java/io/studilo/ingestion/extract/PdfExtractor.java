package io.studilo.ingestion.extract;

import io.studilo.ingestion.IngestionProperties;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.rendering.ImageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a PDF page by page from a file on disk (PDFBox with a temp-file stream cache, so a long PDF does not
 * have to fit in memory). Pages with a usable text layer are read directly; for the others, a scan's own image
 * (see {@link ScannedImage}) or else the rendered page is prepared on this thread (PDFBox documents are not
 * thread-safe) and OCR'd in parallel on the OCR pool, with at most a few page images waiting at any time.
 */
@Component
class PdfExtractor {

    private static final Logger log = LoggerFactory.getLogger(PdfExtractor.class);
    private static final int MAX_OUTLINE_ENTRIES = 10_000;
    private static final int MAX_OUTLINE_DEPTH = 16;

    private final OcrEngine ocr;
    private final IngestionProperties.Worker worker;
    private final int maxPages;
    private final PhaseTimers timers;

    PdfExtractor(OcrEngine ocr, IngestionProperties properties, PhaseTimers timers) {
        this.ocr = ocr;
        this.worker = properties.worker();
        this.maxPages = properties.upload().maxPages();
        this.timers = timers;
    }

    Extraction extract(Path file, ExtractionListener listener, Instant deadline) {
        try (PDDocument pdf = open(file)) {
            int pageCount = pdf.getNumberOfPages();
            if (pageCount == 0) {
                throw new UnreadableDocumentException("The PDF has no pages.");
            }
            if (pageCount > maxPages) {
                throw new UnreadableDocumentException("The PDF has more than " + maxPages + " pages.");
            }
            List<OutlineEntry> outline = outline(pdf);
            return new Extraction(pages(pdf, pageCount, listener, deadline), outline);
        } catch (IOException e) {
            throw new UnreadableDocumentException("This is not a readable PDF.", e);
        } catch (UnreadableDocumentException | DocumentTimeoutException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // PDFBox gives up on broken structure (page tree loops, bad objects) with unchecked exceptions.
            throw new UnreadableDocumentException("This is not a readable PDF.", e);
        }
    }

    private static PDDocument open(Path file) {
        try {
            PDDocument pdf = Loader.loadPDF(
                    new RandomAccessReadBufferedFile(file.toFile()),
                    "",
                    null,
                    null,
                    IOUtils.createTempFileOnlyStreamCache());
            pdf.setResourceCache(new DocumentFontCache());
            return pdf;
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException(
                    "This is a password-protected PDF. Please remove the password and upload it again.", e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new UnreadableDocumentException("This is not a readable PDF.", e);
        } catch (LinkageError e) {
            // Certificate (public-key) encryption needs BouncyCastle, which the service does not ship.
            throw new UnreadableDocumentException(
                    "This PDF is protected with a certificate. Please remove the protection and upload it again.", e);
        }
    }

    private List<PageContent> pages(PDDocument pdf, int pageCount, ExtractionListener listener, Instant deadline)
            throws IOException {
        LineCollectingStripper stripper = new LineCollectingStripper();
        GuardedRenderer renderer = new GuardedRenderer(pdf, worker.maxImagePixels());
        renderer.deadline(deadline);
        List<PageContent> done = new ArrayList<>(Collections.nCopies(pageCount, null));
        // The text layer of pages sent to OCR, kept when OCR finds no more than it (a title page, not a scan).
        List<List<TextLine>> textLayers = new ArrayList<>(Collections.nCopies(pageCount, null));
        List<Future<OcrEngine.OcrResult>> pending = new ArrayList<>(Collections.nCopies(pageCount, null));
        // Bounds how many rendered pages (≈9 MB each at 300 dpi) wait for the OCR pool at once.
        Semaphore inFlight = new Semaphore(worker.pageThreads() * 2);
        int finished = 0;
        int ocrCount = 0;
        try {
            for (int n = 1; n <= pageCount; n++) {
                checkDeadline(deadline);
                List<TextLine> lines = textLayer(stripper, pdf, n, deadline);
                String text = lines.stream().map(TextLine::text).collect(Collectors.joining("\n"));
                if (TextQuality.usable(text, worker.minTextChars(), worker.maxGarbageRatio())) {
                    done.set(n - 1, new PageContent(n, lines, ReadMethod.TEXT));
                    finished++;
                } else {
                    List<TextLine> clean = TextQuality.isClean(text, worker.maxGarbageRatio()) ? lines : List.of();
                    PDPage page = pdf.getPage(n - 1);
                    float dpi = dpiFor(page);
                    // A scanned page's own image when it is all the page shows, else the page rendered.
                    Optional<ScannedImage.Scan> scan =
                            dpi > 0 ? ScannedImage.of(page, dpi, worker.maxRenderPixels(), deadline) : Optional.empty();
                    BufferedImage image = scan.isPresent()
                            ? scan.get().gray()
                            : dpi > 0 && !drawsNothing(page) ? render(renderer, n, dpi) : null;
                    int imageDpi = scan.map(ScannedImage.Scan::dpi).orElse(Math.max(1, Math.round(dpi)));
                    if (image == null || blank(image)) {
                        // Nothing visible (or no drawable area): there is nothing for OCR to find.
                        done.set(n - 1, new PageContent(n, clean, ReadMethod.TEXT));
                        finished++;
                    } else {
                        textLayers.set(n - 1, clean);
                        ocrCount++;
                        acquire(inFlight, deadline);
                        pending.set(n - 1, ocr.submit(image, imageDpi, inFlight::release));
                    }
                }
                finished += collectFinished(pending, done, textLayers);
                listener.pages(pageCount, finished, ocrCount);
            }
            for (int i = 0; i < pageCount; i++) {
                Future<OcrEngine.OcrResult> f = pending.get(i);
                if (f != null) {
                    done.set(i, ocrPage(i + 1, await(f, i + 1, deadline), textLayers.get(i)));
                    pending.set(i, null);
                    finished++;
                    listener.pages(pageCount, finished, ocrCount);
                }
            }
            return done;
        } finally {
            for (Future<?> f : pending) {
                if (f != null) {
                    f.cancel(true);
                }
            }
        }
    }

    private int collectFinished(
            List<Future<OcrEngine.OcrResult>> pending, List<PageContent> done, List<List<TextLine>> textLayers) {
        int collected = 0;
        for (int i = 0; i < pending.size(); i++) {
            Future<OcrEngine.OcrResult> f = pending.get(i);
            if (f != null && f.isDone()) {
                done.set(i, ocrPage(i + 1, await(f, i + 1, Instant.now().plusSeconds(1)), textLayers.get(i)));
                pending.set(i, null);
                collected++;
            }
        }
        return collected;
    }

    private List<TextLine> textLayer(LineCollectingStripper stripper, PDDocument pdf, int page, Instant deadline) {
        long start = System.nanoTime();
        try {
            return stripper.page(pdf, page, deadline);
        } catch (DocumentTimeoutException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            log.debug("Text layer of page {} unreadable: {}", page, e.toString());
            return List.of();
        } finally {
            timers.record(PhaseTimers.EXTRACT, System.nanoTime() - start);
        }
    }

    /**
     * The resolution to render a page at: {@code ocrDpi}, lowered so the image stays within {@code
     * maxRenderPixels} however large the page claims to be (no floor: a page the size of a field is rendered
     * small rather than allocated in full); 0 when the page has no usable area.
     */
    float dpiFor(PDPage page) {
        PDRectangle box = page.getCropBox();
        double inches = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
        if (!(inches > 1e-6) || !Double.isFinite(inches)) {
            return 0;
        }
        double maxDpi = Math.sqrt(worker.maxRenderPixels() / inches);
        return (float) Math.min(worker.ocrDpi(), maxDpi);
    }

    private static BufferedImage render(GuardedRenderer renderer, int page, float dpi) {
        try {
            return renderer.renderImageWithDPI(page - 1, dpi, ImageType.GRAY);
        } catch (DocumentTimeoutException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new UnreadableDocumentException("Page " + page + " could not be read.", e);
        } catch (OutOfMemoryError e) {
            // One allocation too large for the heap (it is free again once thrown): this page, not the service.
            throw new UnreadableDocumentException("Page " + page + " is too large to read.", e);
        }
    }

    /**
     * True when a page has no annotations and its content stream is absent or only whitespace: such a page
     * is not even rendered (a PDF of two thousand empty pages would otherwise cost two thousand renders).
     */
    static boolean drawsNothing(PDPage page) {
        try {
            if (!page.getAnnotations().isEmpty()) {
                return false;
            }
            if (!page.hasContents()) {
                return true;
            }
            try (var in = page.getContents()) {
                for (int b; (b = in.read()) != -1; ) {
                    if (!Character.isWhitespace(b) && b != 0) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // let rendering decide
        }
    }

    /** True when every pixel of a rendered gray page is within a few levels of the others (an empty page). */
    static boolean blank(BufferedImage gray) {
        if (!(gray.getRaster().getDataBuffer() instanceof DataBufferByte buffer)) {
            return false;
        }
        int min = 255;
        int max = 0;
        for (byte b : buffer.getData()) {
            int v = b & 0xFF;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (max - min > 24) {
                return false;
            }
        }
        return true;
    }

    private PageContent ocrPage(int page, OcrEngine.OcrResult result, List<TextLine> textLayer) {
        List<TextLine> lines = result.text()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(TextLine::plain)
                .toList();
        int ocrLetters = TextQuality.letters(result.text());
        int layerLetters =
                TextQuality.letters(textLayer.stream().map(TextLine::text).collect(Collectors.joining(" ")));
        if (layerLetters > 0 && ocrLetters <= layerLetters * 1.2) {
            return new PageContent(page, textLayer, ReadMethod.TEXT);
        }
        return new PageContent(page, lines, ReadMethod.OCR);
    }

    private OcrEngine.OcrResult await(Future<OcrEngine.OcrResult> f, int page, Instant deadline) {
        try {
            long wait = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            return f.get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DocumentTimeoutException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentTimeoutException();
        } catch (ExecutionException e) {
            throw new UnreadableDocumentException("Page " + page + " could not be read.", e.getCause());
        }
    }

    private static void acquire(Semaphore permits, Instant deadline) {
        try {
            long wait = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            if (!permits.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                throw new DocumentTimeoutException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentTimeoutException();
        }
    }

    private static void checkDeadline(Instant deadline) {
        if (Instant.now().isAfter(deadline) || Thread.currentThread().isInterrupted()) {
            throw new DocumentTimeoutException();
        }
    }

    /** The outline as a flat list in reading order; cycles and absurd depths in broken PDFs are cut off. */
    static List<OutlineEntry> outline(PDDocument pdf) {
        List<OutlineEntry> entries = new ArrayList<>();
        try {
            PDDocumentOutline root = pdf.getDocumentCatalog().getDocumentOutline();
            if (root != null) {
                Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                walk(pdf, root.getFirstChild(), 1, seen, entries);
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            log.debug("Outline unreadable, ignoring it: {}", e.toString());
        }
        return entries;
    }

    private static void walk(
            PDDocument pdf, PDOutlineItem item, int level, Set<Object> seen, List<OutlineEntry> entries)
            throws IOException {
        for (PDOutlineItem current = item;
                current != null && level <= MAX_OUTLINE_DEPTH && entries.size() < MAX_OUTLINE_ENTRIES;
                current = current.getNextSibling()) {
            if (!seen.add(current.getCOSObject())) {
                return; // a loop in the outline
            }
            String title = current.getTitle() == null ? "" : current.getTitle().strip();
            PDPage page = current.findDestinationPage(pdf);
            int index = page == null ? -1 : pdf.getPages().indexOf(page);
            if (!title.isEmpty() && index >= 0) {
                entries.add(new OutlineEntry(title, level, index + 1));
            }
            PDOutlineItem child = current.getFirstChild();
            if (child != null) {
                walk(pdf, child, level + 1, seen, entries);
            }
        }
    }
}
