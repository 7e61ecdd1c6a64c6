package io.studilo.ingestion.extract;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A text stripper that keeps each line with its largest font size and whether it is set in bold, reading
 * multi-column pages column by column (see {@link ReadingOrder}). Each page is held to a {@link ContentBudget}.
 */
final class LineCollectingStripper extends PDFTextStripper {

    private final List<TextLine> lines = new ArrayList<>();
    /** Whether each font of the page is bold, decided once per font rather than once per character. */
    private final Map<PDFont, Boolean> boldFonts = new IdentityHashMap<>();

    private final StringBuilder current = new StringBuilder();
    private float size;
    private int boldChars;
    private int chars;
    private ContentBudget budget = new ContentBudget(Instant.MAX);

    LineCollectingStripper() {
        setSortByPosition(true);
        setSuppressDuplicateOverlappingText(true);
    }

    /** The lines of one page (1-based), giving up when {@code deadline} passes. */
    List<TextLine> page(org.apache.pdfbox.pdmodel.PDDocument pdf, int page, Instant deadline) throws IOException {
        budget = new ContentBudget(deadline);
        lines.clear();
        boldFonts.clear(); // held for one page only: the document's font cache may let fonts go under memory pressure
        reset();
        setStartPage(page);
        setEndPage(page);
        getText(pdf);
        flush();
        return List.copyOf(lines);
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

    /** Replaces the page's characters by its reading-order blocks; the stripper sorts each block by position. */
    @Override
    protected void writePage() throws IOException {
        List<TextPosition> page = new ArrayList<>();
        charactersByArticle.forEach(page::addAll);
        List<List<TextPosition>> blocks = ReadingOrder.blocks(page);
        if (blocks.size() > 1) {
            charactersByArticle.clear();
            blocks.forEach(block -> charactersByArticle.add(new ArrayList<>(block)));
        }
        super.writePage();
    }

    @Override
    protected void startArticle(boolean isLTR) throws IOException {
        flush(); // a block never continues the previous block's last line
        super.startArticle(isLTR);
    }

    @Override
    protected void endArticle() throws IOException {
        flush();
        super.endArticle();
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        current.append(text);
        for (TextPosition p : positions) {
            size = Math.max(size, p.getFontSizeInPt());
            chars++;
            PDFont font = p.getFont();
            if (font != null && boldFonts.computeIfAbsent(font, LineCollectingStripper::isBold)) {
                boldChars++;
            }
        }
    }

    @Override
    protected void writeWordSeparator() {
        current.append(' ');
    }

    @Override
    protected void writeLineSeparator() {
        flush();
    }

    @Override
    protected void writePageEnd() {
        flush();
    }

    private void flush() {
        String text = current.toString().strip();
        if (!text.isEmpty()) {
            lines.add(new TextLine(text, size, chars > 0 && boldChars * 2 > chars));
        }
        reset();
    }

    private void reset() {
        current.setLength(0);
        size = 0;
        boldChars = 0;
        chars = 0;
    }

    private static boolean isBold(PDFont font) {
        PDFontDescriptor descriptor = font.getFontDescriptor();
        if (descriptor != null && (descriptor.isForceBold() || descriptor.getFontWeight() >= 700)) {
            return true;
        }
        String name = font.getName();
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("bold") || lower.contains("black") || lower.contains("heavy");
    }
}
