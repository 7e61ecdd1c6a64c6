package io.studilo.ingestion.extract;

import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;
import org.jspecify.annotations.Nullable;

/**
 * The scan inside a scanned page. When a page paints nothing but one upright, unmasked image, OCR reads that
 * image's own samples instead of a rendering of the page: rendering decodes the image through PDFBox's colour
 * conversion and resamples it (no better for OCR), which costs many times what copying the decoded samples
 * does (see the OCR section of bench/README.md). Anything else on the page (visible text, vector drawing, a
 * second image, masks, transparency, a flipped or sheared image, a clip that cuts the image, annotations, a
 * resolution far from the OCR's, an encoding read here only through rendering) finds nothing, and the caller
 * renders the page.
 */
final class ScannedImage extends PDFGraphicsStreamEngine {

    /** The page's image as 8-bit gray, upright as the page is shown, and its resolution on the page. */
    record Scan(BufferedImage gray, int dpi) {}

    /** How far (in points) the image may reach past the crop box, or the clip fall short of the image. */
    private static final double TOLERANCE = 2.0;

    private final ContentBudget budget;
    private @Nullable PDImage image;
    private @Nullable Matrix placement;
    private GeneralPath path = new GeneralPath();
    private @Nullable Integer clipRule;

    private ScannedImage(PDPage page, Instant deadline) {
        super(page);
        this.budget = new ContentBudget(deadline);
    }

    /**
     * The page's scan as gray pixels when the page is nothing but one image whose resolution is within about a
     * third of {@code targetDpi} either way (a much coarser one is left to rendering, which upsamples it; a much
     * finer one would cost OCR time) and whose pixels stay within {@code maxPixels}; empty otherwise or when the image
     * cannot be decoded here (rendering then decides).
     */
    static Optional<Scan> of(PDPage page, float targetDpi, long maxPixels, Instant deadline) {
        try {
            if (!page.getAnnotations().isEmpty()) {
                return Optional.empty();
            }
            ScannedImage engine = new ScannedImage(page, deadline);
            engine.processPage(page);
            return engine.scan(page.getCropBox(), page.getRotation(), targetDpi, maxPixels);
        } catch (NotAScan e) {
            return Optional.empty();
        } catch (DocumentTimeoutException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Optional.empty();
        }
    }

    private Optional<Scan> scan(PDRectangle crop, int rotation, float targetDpi, long maxPixels) throws IOException {
        if (image == null || placement == null) {
            return Optional.empty();
        }
        Rectangle2D.Double box = new Rectangle2D.Double(
                placement.getTranslateX(), placement.getTranslateY(), placement.getScaleX(), placement.getScaleY());
        Rectangle2D.Double page = new Rectangle2D.Double(
                crop.getLowerLeftX() - TOLERANCE,
                crop.getLowerLeftY() - TOLERANCE,
                crop.getWidth() + 2 * TOLERANCE,
                crop.getHeight() + 2 * TOLERANCE);
        long pixels = (long) image.getWidth() * image.getHeight();
        if (!page.contains(box) || pixels <= 0 || pixels > maxPixels || rotation % 90 != 0) {
            return Optional.empty();
        }
        double dpiX = image.getWidth() / (box.width / 72.0);
        double dpiY = image.getHeight() / (box.height / 72.0);
        if (!near(dpiX, targetDpi) || !near(dpiY, targetDpi) || Math.abs(dpiX - dpiY) > 0.05 * dpiX) {
            return Optional.empty();
        }
        BufferedImage gray = image instanceof PDImageXObject xobject ? samples(xobject) : null;
        if (gray == null) {
            return Optional.empty();
        }
        int turn = Math.floorMod(rotation, 360);
        return Optional.of(new Scan(turn == 0 ? gray : OcrEngine.rotate(gray, turn), (int) Math.round(dpiX)));
    }

    /**
     * The image's decoded samples copied straight into 8-bit gray: 8-bit gray as it is, 1-bit gray spread to 0 and
     * 255, 8-bit RGB by luma. (PDFBox's own {@code getImage()} converts every pixel to RGB through the colour
     * space first and costs as much as rendering the page.) Null for anything else: other colour spaces, depths or
     * decode arrays, JPEG 2000 and JBIG2, or a stream that does not hold exactly the samples the image declares.
     */
    static @Nullable BufferedImage samples(PDImageXObject image) throws IOException {
        PDColorSpace space = image.getColorSpace();
        int components = space instanceof PDDeviceGray ? 1 : space instanceof PDDeviceRGB ? 3 : 0;
        int bits = image.getBitsPerComponent();
        boolean supported = (components == 1 && (bits == 1 || bits == 8)) || (components == 3 && bits == 8);
        if (!supported
                || image.getDecode() != null
                || !decodable(image.getStream().getFilters())) {
            return null;
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int rowBytes = bits == 1 ? (width + 7) / 8 : width * components;
        byte[] row = new byte[rowBytes];
        BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        try (InputStream in = image.createInputStream()) {
            for (int y = 0; y < height; y++) {
                if (in.readNBytes(row, 0, rowBytes) < rowBytes) {
                    return null;
                }
                int at = y * width;
                if (bits == 1) {
                    for (int x = 0; x < width; x++) {
                        out[at + x] = (row[x >> 3] & (0x80 >> (x & 7))) != 0 ? (byte) 255 : 0;
                    }
                } else if (components == 1) {
                    System.arraycopy(row, 0, out, at, width);
                } else {
                    for (int x = 0, i = 0; x < width; x++, i += 3) {
                        int luma = 299 * (row[i] & 0xFF) + 587 * (row[i + 1] & 0xFF) + 114 * (row[i + 2] & 0xFF);
                        out[at + x] = (byte) ((luma + 500) / 1000);
                    }
                }
            }
            if (in.readNBytes(row, 0, rowBytes) == rowBytes) {
                return null; // more samples than the image declares: not what its dictionary says it is
            }
        }
        return gray;
    }

    /** Filters PDFBox decodes itself; JPEG 2000 and JBIG2 need plugins the service does not ship. */
    private static boolean decodable(List<COSName> filters) {
        return !filters.contains(COSName.JPX_DECODE) && !filters.contains(COSName.JBIG2_DECODE);
    }

    private static boolean near(double dpi, float target) {
        return dpi >= target * 0.65 && dpi <= target * 1.35;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        budget.operator();
        super.processOperator(operator, operands);
    }

    @Override
    public void drawImage(PDImage drawn) throws IOException {
        if (image != null || drawn.isStencil()) {
            throw new NotAScan();
        }
        if (drawn instanceof PDImageXObject xobject
                && (xobject.getMask() != null || xobject.getSoftMask() != null || xobject.getColorKeyMask() != null)) {
            throw new NotAScan();
        }
        var state = getGraphicsState();
        if (state.getSoftMask() != null || state.getNonStrokeAlphaConstant() < 1.0) {
            throw new NotAScan();
        }
        Matrix ctm = state.getCurrentTransformationMatrix();
        // Image space maps onto the unit square; positive scales with no shear is the image the right way up.
        if (ctm.getShearX() != 0 || ctm.getShearY() != 0 || !(ctm.getScaleX() > 0) || !(ctm.getScaleY() > 0)) {
            throw new NotAScan();
        }
        Rectangle2D clip = state.getCurrentClippingPath().getBounds2D();
        Rectangle2D.Double placed =
                new Rectangle2D.Double(ctm.getTranslateX(), ctm.getTranslateY(), ctm.getScaleX(), ctm.getScaleY());
        if (!grown(clip).contains(placed)) {
            throw new NotAScan();
        }
        image = drawn;
        placement = ctm.clone();
    }

    private static Rectangle2D grown(Rectangle2D r) {
        return new Rectangle2D.Double(
                r.getX() - TOLERANCE,
                r.getY() - TOLERANCE,
                r.getWidth() + 2 * TOLERANCE,
                r.getHeight() + 2 * TOLERANCE);
    }

    @Override
    protected void showText(byte[] string) {
        if (getGraphicsState().getTextState().getRenderingMode() != RenderingMode.NEITHER) {
            throw new NotAScan();
        }
        // Invisible text (an earlier OCR layer) paints nothing.
    }

    @Override
    public void strokePath() {
        throw new NotAScan();
    }

    @Override
    public void fillPath(int windingRule) {
        throw new NotAScan();
    }

    @Override
    public void fillAndStrokePath(int windingRule) {
        throw new NotAScan();
    }

    @Override
    public void shadingFill(COSName shadingName) {
        throw new NotAScan();
    }

    // Building a path paints nothing; a clip is kept (and checked against the image when it is drawn).
    @Override
    public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
        path.moveTo(p0.getX(), p0.getY());
        path.lineTo(p1.getX(), p1.getY());
        path.lineTo(p2.getX(), p2.getY());
        path.lineTo(p3.getX(), p3.getY());
        path.closePath();
    }

    @Override
    public void moveTo(float x, float y) {
        path.moveTo(x, y);
    }

    @Override
    public void lineTo(float x, float y) {
        path.lineTo(x, y);
    }

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
        path.curveTo(x1, y1, x2, y2, x3, y3);
    }

    @Override
    public Point2D getCurrentPoint() {
        Point2D current = path.getCurrentPoint();
        return current == null ? new Point2D.Float() : current;
    }

    @Override
    public void closePath() {
        path.closePath();
    }

    @Override
    public void clip(int windingRule) {
        clipRule = windingRule;
    }

    @Override
    public void endPath() {
        if (clipRule != null) {
            path.setWindingRule(clipRule);
            getGraphicsState().intersectClippingPath(path);
            clipRule = null;
        }
        path = new GeneralPath();
    }

    /** Stops reading the page at the first thing that makes it more than a scan. */
    private static final class NotAScan extends RuntimeException {
        NotAScan() {
            super(null, null, false, false);
        }
    }
}
