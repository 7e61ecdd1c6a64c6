package io.studilo.ingestion.extract;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PDFBox renderer for untrusted pages: large images are subsampled while decoding, images that declare more
 * pixels than {@code maxImagePixels} are skipped instead of decoded (a 100,000 x 100,000 image in a few
 * bytes would otherwise be allocated in full), and every page is held to a {@link ContentBudget}.
 */
final class GuardedRenderer extends PDFRenderer {

    private static final Logger log = LoggerFactory.getLogger(GuardedRenderer.class);

    private final long maxImagePixels;
    private Instant deadline = Instant.MAX;

    GuardedRenderer(PDDocument document, long maxImagePixels) {
        super(document);
        this.maxImagePixels = maxImagePixels;
        setSubsamplingAllowed(true);
    }

    /** The document's deadline, checked while each page is drawn. */
    void deadline(Instant deadline) {
        this.deadline = deadline;
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
        return new Drawer(parameters, new ContentBudget(deadline), maxImagePixels);
    }

    private static final class Drawer extends PageDrawer {

        private final ContentBudget budget;
        private final long maxImagePixels;

        Drawer(PageDrawerParameters parameters, ContentBudget budget, long maxImagePixels) throws IOException {
            super(parameters);
            this.budget = budget;
            this.maxImagePixels = maxImagePixels;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            budget.operator();
            super.processOperator(operator, operands);
        }

        @Override
        public void saveGraphicsState() {
            if (getGraphicsStackSize() < ContentBudget.MAX_GRAPHICS_DEPTH) {
                super.saveGraphicsState();
            }
        }

        @Override
        public void drawImage(PDImage image) throws IOException {
            long pixels = (long) image.getWidth() * image.getHeight();
            if (image.getWidth() <= 0 || image.getHeight() <= 0 || pixels > maxImagePixels) {
                log.debug("Skipping an image of {} x {} pixels", image.getWidth(), image.getHeight());
                return;
            }
            super.drawImage(image);
        }
    }
}
