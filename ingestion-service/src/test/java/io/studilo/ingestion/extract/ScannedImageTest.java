package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntBinaryOperator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.Test;

/** Which pages are read from their own image instead of being rendered (real PDFBox, pages built here). */
class ScannedImageTest {

    private static final PDRectangle A4 = PDRectangle.A4;
    private static final long MAX_PIXELS = 40_000_000L;

    /** A scan of the whole A4 page at {@code dpi}: dark top half, light bottom half, so orientation shows. */
    private static BufferedImage scan(int dpi) {
        int width = Math.round(A4.getWidth() / 72 * dpi);
        int height = Math.round(A4.getHeight() / 72 * dpi);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(0, 0, width, height / 2);
        g.dispose();
        return image;
    }

    private interface Content {
        void draw(PDDocument pdf, PDPageContentStream out) throws IOException;
    }

    private static Optional<ScannedImage.Scan> read(int rotation, Content content) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(A4);
            page.setRotation(rotation);
            pdf.addPage(page);
            try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                content.draw(pdf, out);
            }
            return ScannedImage.of(page, 300, MAX_PIXELS, Instant.now().plusSeconds(30));
        }
    }

    private static Optional<ScannedImage.Scan> read(Content content) throws IOException {
        return read(0, content);
    }

    private static PDImageXObject image(PDDocument pdf, int dpi) throws IOException {
        return LosslessFactory.createFromImage(pdf, scan(dpi));
    }

    @Test
    void aPageThatIsOneImageGivesThatImageAtItsOwnResolution() throws IOException {
        Optional<ScannedImage.Scan> found =
                read((pdf, out) -> out.drawImage(image(pdf, 300), 0, 0, A4.getWidth(), A4.getHeight()));

        assertThat(found).isPresent();
        assertThat(found.get().dpi()).isEqualTo(300);
        BufferedImage gray = found.get().gray();
        assertThat(gray.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(gray.getWidth()).isEqualTo(scan(300).getWidth());
        assertThat(gray.getRaster().getSample(10, 10, 0)).as("top stays on top").isZero();
    }

    @Test
    void aScanAt200DpiIsReadDirectlyAndOneAt72IsLeftToRendering() throws IOException {
        assertThat(read((pdf, out) -> out.drawImage(image(pdf, 200), 0, 0, A4.getWidth(), A4.getHeight())))
                .hasValueSatisfying(s -> assertThat(s.dpi()).isEqualTo(200));
        assertThat(read((pdf, out) -> out.drawImage(image(pdf, 72), 0, 0, A4.getWidth(), A4.getHeight())))
                .isEmpty();
    }

    @Test
    void aRotatedPageTurnsTheImageAsTheViewerWould() throws IOException {
        Optional<ScannedImage.Scan> found =
                read(90, (pdf, out) -> out.drawImage(image(pdf, 300), 0, 0, A4.getWidth(), A4.getHeight()));

        BufferedImage gray = found.orElseThrow().gray();
        assertThat(gray.getWidth()).isEqualTo(scan(300).getHeight());
        // Turned clockwise, the dark top half is now the right half.
        assertThat(gray.getRaster().getSample(gray.getWidth() - 10, 10, 0)).isZero();
        assertThat(gray.getRaster().getSample(10, 10, 0)).isEqualTo(255);
    }

    @Test
    void invisibleTextOfAnEarlierOcrDoesNotCount() throws IOException {
        Optional<ScannedImage.Scan> found = read((pdf, out) -> {
            out.drawImage(image(pdf, 300), 0, 0, A4.getWidth(), A4.getHeight());
            out.beginText();
            out.setRenderingMode(RenderingMode.NEITHER);
            out.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            out.newLineAtOffset(72, 700);
            out.showText("hidden layer");
            out.endText();
        });
        assertThat(found).isPresent();
    }

    @Test
    void anythingElseOnThePageLeavesItToRendering() throws IOException {
        float w = A4.getWidth();
        float h = A4.getHeight();
        assertThat(read((pdf, out) -> {
                    out.drawImage(image(pdf, 300), 0, 0, w, h);
                    out.beginText();
                    out.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    out.newLineAtOffset(72, 700);
                    out.showText("a visible stamp");
                    out.endText();
                }))
                .as("visible text")
                .isEmpty();
        assertThat(read((pdf, out) -> {
                    out.drawImage(image(pdf, 300), 0, 0, w, h);
                    out.addRect(10, 10, 100, 100);
                    out.fill();
                }))
                .as("a vector drawing")
                .isEmpty();
        assertThat(read((pdf, out) -> {
                    out.drawImage(image(pdf, 300), 0, 0, w, h / 2);
                    out.drawImage(image(pdf, 300), 0, h / 2, w, h / 2);
                }))
                .as("two images")
                .isEmpty();
        assertThat(read((pdf, out) -> out.drawImage(image(pdf, 300), new Matrix(w, 0, 0, -h, 0, h))))
                .as("an image drawn upside down")
                .isEmpty();
        assertThat(read((pdf, out) -> {
                    out.addRect(0, 0, w, h / 2);
                    out.clip();
                    out.drawImage(image(pdf, 300), 0, 0, w, h);
                }))
                .as("a clip that hides half of the image")
                .isEmpty();
        assertThat(read((pdf, out) -> out.drawImage(image(pdf, 300), -w / 2, 0, w, h)))
                .as("an image reaching past the page")
                .isEmpty();
    }

    @Test
    void aClipAroundTheWholePageIsFine() throws IOException {
        assertThat(read((pdf, out) -> {
                    out.addRect(0, 0, A4.getWidth(), A4.getHeight());
                    out.clip();
                    out.drawImage(image(pdf, 300), 0, 0, A4.getWidth(), A4.getHeight());
                }))
                .isPresent();
    }
    /** A gray test card: a ramp, a black box and white, as a scan would show text. */
    private static BufferedImage card(int type) {
        BufferedImage image = new BufferedImage(301, 97, type);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 301, 97);
        for (int x = 0; x < 256; x++) {
            g.setColor(new java.awt.Color(x, x, x));
            g.fillRect(x, 0, 1, 40);
        }
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(20, 50, 90, 30);
        g.dispose();
        return image;
    }

    /** The luma of the image's sRGB values (for gray images, the gray an sRGB viewer shows). */
    private static int luma(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        return (299 * (rgb >> 16 & 0xFF) + 587 * (rgb >> 8 & 0xFF) + 114 * (rgb & 0xFF) + 500) / 1000;
    }

    /** The samples read equal {@code want} pixel by pixel, within {@code tolerance} (JPEG is lossy). */
    private static void assertSamplesMatch(PDImageXObject image, IntBinaryOperator want, int tolerance)
            throws IOException {
        BufferedImage gray = ScannedImage.samples(image);
        assertThat(gray).isNotNull();
        assertThat(gray.getWidth()).isEqualTo(301);
        assertThat(gray.getHeight()).isEqualTo(97);
        long error = 0;
        for (int y = 0; y < 97; y++) {
            for (int x = 0; x < 301; x++) {
                error += Math.abs(gray.getRaster().getSample(x, y, 0) - want.applyAsInt(x, y));
            }
        }
        assertThat(error / (301.0 * 97)).as("mean error").isLessThanOrEqualTo(tolerance);
    }

    @Test
    void samplesOfEightBitGrayOneBitAndJpegScansAreReadAsTheyAre() throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            BufferedImage gray = card(BufferedImage.TYPE_BYTE_GRAY);
            assertSamplesMatch(LosslessFactory.createFromImage(pdf, gray), (x, y) -> luma(gray, x, y), 0);
            BufferedImage bilevel = card(BufferedImage.TYPE_BYTE_BINARY);
            assertSamplesMatch(LosslessFactory.createFromImage(pdf, bilevel), (x, y) -> luma(bilevel, x, y), 0);
            assertSamplesMatch(CCITTFactory.createFromImage(pdf, bilevel), (x, y) -> luma(bilevel, x, y), 0);
            // JPEGFactory writes a gray image's raster values as they are.
            assertSamplesMatch(
                    JPEGFactory.createFromImage(pdf, gray, 1.0f),
                    (x, y) -> gray.getRaster().getSample(x, y, 0),
                    2);
        }
    }

    @Test
    void samplesOfAnRgbScanAreItsLuma() throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            BufferedImage rgb = card(BufferedImage.TYPE_INT_RGB);
            var g = rgb.createGraphics();
            g.setColor(java.awt.Color.RED);
            g.fillRect(150, 50, 60, 30);
            g.dispose();
            assertSamplesMatch(LosslessFactory.createFromImage(pdf, rgb), (x, y) -> luma(rgb, x, y), 0);
            assertSamplesMatch(JPEGFactory.createFromImage(pdf, rgb, 1.0f), (x, y) -> luma(rgb, x, y), 2);
            assertThat(ScannedImage.samples(LosslessFactory.createFromImage(pdf, rgb))
                            .getRaster()
                            .getSample(160, 60, 0))
                    .as("pure red")
                    .isEqualTo(76);
        }
    }

    @Test
    void aDecodeArrayOrAStreamShorterThanTheImageIsLeftToRendering() throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDImageXObject inverted = LosslessFactory.createFromImage(pdf, card(BufferedImage.TYPE_BYTE_GRAY));
            inverted.setDecode(new COSArray(List.of(COSInteger.ONE, COSInteger.ZERO)));
            assertThat(ScannedImage.samples(inverted)).isNull();

            PDImageXObject tall = LosslessFactory.createFromImage(pdf, card(BufferedImage.TYPE_BYTE_GRAY));
            tall.setHeight(200);
            assertThat(ScannedImage.samples(tall)).isNull();
        }
    }
}
