package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.studilo.ingestion.Fixtures;
import io.studilo.ingestion.document.DocumentKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDFs built to hurt the reader (found by the robustness harness in {@code bench/ingestion}): each is read to
 * an end with bounded work, against real PDFBox and Tesseract.
 */
class HostilePdfTest {

    private static final String TEXT = "BT /F1 12 Tf 72 700 Td (The fins keep the rocket stable in flight.) Tj ET";

    private static Extractors.Stack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stack = Extractors.stack(1);
    }

    @AfterAll
    static void stop() {
        Extractors.shutdown(stack);
    }

    @Test
    void aPageTheSizeOfAFieldIsRenderedWithinThePixelBudget() throws IOException {
        var properties = Extractors.properties(1);
        PdfExtractor pdf = new PdfExtractor(stack.ocr(), properties, new PhaseTimers(new SimpleMeterRegistry()));
        long budget = properties.worker().maxRenderPixels();
        for (float side : new float[] {14_400, 1_000_000, 3.0e7f}) {
            PDPage page = new PDPage(new PDRectangle(side, side));
            page.setRotation(90);
            float dpi = pdf.dpiFor(page);
            double pixels = Math.pow(side / 72.0 * dpi, 2);
            assertThat(pixels).as("page of %s pt at %s dpi", side, dpi).isLessThanOrEqualTo(budget * 1.01);
        }
        assertThat(pdf.dpiFor(new PDPage(new PDRectangle(0, 0)))).isZero();
        assertThat(pdf.dpiFor(new PDPage(PDRectangle.A4))).isEqualTo(300f);
    }

    @Test
    void emptyPagesAreNotSentToOcr() throws IOException {
        List<String> objects = new ArrayList<>(List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "",
                stream(TEXT),
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
        StringBuilder kids = new StringBuilder();
        int pages = 40;
        for (int i = 0; i < pages; i++) {
            kids.append(5 + i).append(" 0 R ");
            // Page 1 has text; the others have no content at all, an empty content stream, or one that paints
            // the page white (rendered, found blank).
            String contents =
                    i == 0 ? "/Contents 3 0 R " : i % 3 == 0 ? "" : "/Contents " + (5 + pages + i % 3 - 1) + " 0 R ";
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] " + contents
                    + "/Resources << /Font << /F1 4 0 R >> >> >>");
        }
        objects.add(stream(""));
        objects.add(stream("1 1 1 rg 0 0 612 792 re f"));
        objects.set(1, "<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>");
        Extraction extraction = extract(Fixtures.rawPdf(objects));
        assertThat(extraction.pages()).hasSize(pages);
        assertThat(extraction.ocrPages()).isZero();
        assertThat(extraction.pages().get(0).text()).contains("fins keep the rocket stable");
    }

    @Test
    void anImageDeclaringBillionsOfPixelsIsLeftOutOfThePageInsteadOfDecoded() throws IOException {
        byte[] pdf = Fixtures.rawPdf(List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /XObject << /Im 5 0 R >> >> >>",
                stream("q 612 0 0 792 0 0 cm /Im Do Q"),
                "<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /BitsPerComponent 8 "
                        + "/ColorSpace /DeviceGray /Length 16 >>\nstream\n0000000000000000\nendstream"));
        Extraction extraction = extract(pdf);
        assertThat(extraction.pages()).hasSize(1);
        assertThat(extraction.pages().get(0).text()).isEmpty();
    }

    /** The renderer itself skips an image over the pixel limit (a black square here) and draws one within. */
    @Test
    void theRendererLeavesOutAnImageOverThePixelLimit() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            doc.addPage(page);
            var black = new java.awt.image.BufferedImage(2000, 2000, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            var image = org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(doc, black);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                content.drawImage(image, 0, 0, 300, 300); // part of the page: a uniform page reads as blank
            }
            var over = new GuardedRenderer(doc, 1_000_000).renderImageWithDPI(0, 36, ImageType.GRAY);
            var within = new GuardedRenderer(doc, 10_000_000).renderImageWithDPI(0, 36, ImageType.GRAY);
            assertThat(PdfExtractor.blank(over)).isTrue();
            assertThat(PdfExtractor.blank(within)).isFalse();
        }
    }

    /**
     * Two million {@code q} (save graphics state) without a {@code Q}: PDFBox keeps a copy of the graphics state
     * for each, which filled the service's 512 MB heap and stalled it in garbage collection. Read here in a
     * child JVM with a small heap, which must finish and print the page's text.
     */
    @Test
    void endlesslyNestedGraphicsStatesFitInASmallHeap() throws Exception {
        Path file = dir.resolve("nested-q.pdf");
        Files.write(
                file,
                Fixtures.rawPdf(List.of(
                        "<< /Type /Catalog /Pages 2 0 R >>",
                        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                + "/Resources << /Font << /F1 5 0 R >> >> >>",
                        stream("q ".repeat(2_000_000) + TEXT),
                        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")));
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx160m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReadInSmallHeap.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .start();
        boolean ended = child.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("child still running after 120 s").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("fins keep the rocket stable");
    }

    /** Reads the text layer of page 1 and renders it, as the worker does, and prints the text. */
    static final class ReadInSmallHeap {
        public static void main(String[] args) throws IOException {
            try (PDDocument pdf = Loader.loadPDF(Path.of(args[0]).toFile())) {
                List<TextLine> lines =
                        new LineCollectingStripper().page(pdf, 1, Instant.now().plusSeconds(100));
                new GuardedRenderer(pdf, 100_000_000).renderImageWithDPI(0, 72);
                lines.forEach(l -> System.out.println(l.text()));
            }
        }
    }

    private Extraction extract(byte[] pdf) throws IOException {
        Path file = Files.write(dir.resolve("hostile.pdf"), pdf);
        return stack.extractor()
                .extract(
                        DocumentKind.PDF,
                        file,
                        ExtractionListener.NONE,
                        Instant.now().plusSeconds(120));
    }

    private static String stream(String content) {
        return "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream";
    }
}
