package io.studilo.ingestion.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.pdfbox.text.TextPosition;

/**
 * Splits a page's characters into blocks in reading order, so that a two-column page is read column by
 * column. Sorting a whole page by position reads it line by line straight across both columns, which
 * interleaves two unrelated half-sentences on every line.
 *
 * <p>A recursive XY cut: a region is split at a vertical gutter (an x range no character in the region crosses,
 * from its top to its bottom) when both sides read like prose columns, and otherwise at its widest horizontal
 * gap when that gap is clearly wider than the space between lines (a title above the columns, a figure between
 * them). A region with neither is one block, which the stripper sorts by position as before. Tables and equation
 * numbers stay row by row: their sides are too short to count as columns.
 *
 * <p>Runs on every page of every PDF, so it reads each position's box once ({@link TextPosition}'s getters
 * recompute it from the text matrix on every call) and sorts the page once per axis: a region is a filtered
 * subsequence of both orders, so its covered ranges are one linear pass at any depth of the cut.
 */
final class ReadingOrder {

    /** Lines each side of a gutter needs to count as a column. */
    private static final int MIN_COLUMN_LINES = 3;

    /** Mean characters per line each side needs: a prose column, not a table cell or an equation number. */
    private static final double MIN_COLUMN_LINE_CHARS = 15;

    /** A gutter is at least this many median character widths wide (word gaps never line up over a column). */
    private static final double MIN_GUTTER_CHAR_WIDTHS = 1.5;

    /** A horizontal cut needs a gap of at least this many median character heights (more than line spacing). */
    private static final double MIN_GAP_CHAR_HEIGHTS = 1.2;

    private static final int MAX_DEPTH = 12;

    /** Visible glyphs a region needs before it can hold two columns. */
    private static final int MIN_COLUMN_GLYPHS = (int) (2 * MIN_COLUMN_LINES * MIN_COLUMN_LINE_CHARS);

    private ReadingOrder() {}

    static List<List<TextPosition>> blocks(List<TextPosition> page) {
        List<Glyph> all = new ArrayList<>(page.size());
        for (TextPosition p : page) {
            all.add(Glyph.of(p, all.size()));
        }
        List<Glyph> glyphs = part(all, Glyph::visible);
        if (glyphs.size() < MIN_COLUMN_GLYPHS) {
            return List.of(page);
        }
        double charWidth = median(glyphs, Glyph::width);
        double charHeight = median(glyphs, Glyph::height);
        Region region = new Region(sorted(all, Glyph::left), sorted(all, Glyph::top));
        List<Region> blocks = split(region, charWidth, charHeight, 0);
        if (blocks.size() == 1) {
            return List.of(page);
        }
        // Each block in page order, as the stripper would have seen it without the cut.
        return blocks.stream()
                .map(block -> block.byX().stream()
                        .sorted(Comparator.comparingInt(Glyph::order))
                        .map(Glyph::position)
                        .toList())
                .toList();
    }

    /** A position's box in the page's reading direction, whether it shows anything, and its place on the page. */
    private record Glyph(
            TextPosition position, int order, float x, float width, float y, float height, boolean visible) {

        static Glyph of(TextPosition p, int order) {
            float width = p.getWidthDirAdj();
            return new Glyph(
                    p,
                    order,
                    p.getXDirAdj(),
                    width,
                    p.getYDirAdj(),
                    p.getHeightDir(),
                    width > 0 && !p.getUnicode().isBlank());
        }

        double left() {
            return x;
        }

        double right() {
            return x + width;
        }

        /** The top of the box (y grows downwards); a negative height flips the box. */
        double top() {
            return Math.min(y - height, y);
        }

        double bottom() {
            return Math.max(y - height, y);
        }
    }

    /** The same positions sorted by left edge and by top edge. */
    private record Region(List<Glyph> byX, List<Glyph> byY) {

        Region part(Predicate<Glyph> side) {
            return new Region(ReadingOrder.part(byX, side), ReadingOrder.part(byY, side));
        }
    }

    private static List<Glyph> sorted(List<Glyph> glyphs, ToDoubleFunction<Glyph> key) {
        List<Glyph> sorted = new ArrayList<>(glyphs);
        sorted.sort(Comparator.comparingDouble(key));
        return sorted;
    }

    /**
     * The region's blocks. Every position (spaces and zero-width combining marks too) goes to the side its x or
     * y falls on; only visible glyphs decide where the cuts are. Horizontal cuts only serve to find columns
     * below or above a full-width line: when neither side holds columns the region stays whole, so the
     * stripper groups sub- and superscripts into lines exactly as it would without this class.
     */
    private static List<Region> split(Region region, double charWidth, double charHeight, int depth) {
        if (depth >= MAX_DEPTH) {
            return List.of(region);
        }
        if (visibleCount(region.byX()) < MIN_COLUMN_GLYPHS) {
            return List.of(region); // too little text for two columns here or in any part of it
        }
        double gutter = gutter(region.byX(), charWidth);
        if (!Double.isNaN(gutter)) {
            List<Region> blocks =
                    new ArrayList<>(split(region.part(g -> g.x() < gutter), charWidth, charHeight, depth + 1));
            blocks.addAll(split(region.part(g -> g.x() >= gutter), charWidth, charHeight, depth + 1));
            return blocks;
        }
        double gap = horizontalGap(region.byY(), charHeight);
        if (!Double.isNaN(gap)) {
            List<Region> above = split(region.part(g -> g.y() < gap), charWidth, charHeight, depth + 1);
            List<Region> below = split(region.part(g -> g.y() >= gap), charWidth, charHeight, depth + 1);
            if (above.size() > 1 || below.size() > 1) {
                List<Region> blocks = new ArrayList<>(above);
                blocks.addAll(below);
                return blocks;
            }
        }
        return List.of(region);
    }

    private static List<Glyph> part(List<Glyph> glyphs, Predicate<Glyph> side) {
        List<Glyph> part = new ArrayList<>(glyphs.size());
        for (Glyph g : glyphs) {
            if (side.test(g)) {
                part.add(g);
            }
        }
        return part;
    }

    private static int visibleCount(List<Glyph> glyphs) {
        int visible = 0;
        for (Glyph g : glyphs) {
            if (g.visible()) {
                visible++;
            }
        }
        return visible;
    }

    /** The x of the widest gutter between two prose columns, or NaN; {@code byX} sorted by left edge. */
    private static double gutter(List<Glyph> byX, double charWidth) {
        List<double[]> covered = covered(byX, Glyph::left, Glyph::right);
        double best = Double.NaN;
        double bestWidth = MIN_GUTTER_CHAR_WIDTHS * charWidth;
        for (int i = 1; i < covered.size(); i++) {
            double from = covered.get(i - 1)[1];
            double to = covered.get(i)[0];
            double middle = (from + to) / 2;
            if (to - from >= bestWidth && isColumn(byX, g -> g.x() < middle) && isColumn(byX, g -> g.x() >= middle)) {
                best = middle;
                bestWidth = to - from;
            }
        }
        return best;
    }

    /** The y of the widest horizontal gap clearly wider than line spacing, or NaN; {@code byY} sorted by top. */
    private static double horizontalGap(List<Glyph> byY, double charHeight) {
        List<double[]> covered = covered(byY, Glyph::top, Glyph::bottom);
        double best = Double.NaN;
        double bestHeight = MIN_GAP_CHAR_HEIGHTS * charHeight;
        for (int i = 1; i < covered.size(); i++) {
            double from = covered.get(i - 1)[1];
            double to = covered.get(i)[0];
            if (to - from >= bestHeight) {
                best = (from + to) / 2;
                bestHeight = to - from;
            }
        }
        return best;
    }

    private static boolean isColumn(List<Glyph> region, Predicate<Glyph> side) {
        int[] rows = new int[region.size()];
        int chars = 0;
        for (Glyph g : region) {
            if (g.visible() && side.test(g)) {
                rows[chars++] = Math.round(g.y());
            }
        }
        Arrays.sort(rows, 0, chars);
        int lines = 0;
        for (int i = 0; i < chars; i++) {
            if (i == 0 || rows[i] != rows[i - 1]) {
                lines++;
            }
        }
        return lines >= MIN_COLUMN_LINES && chars / (double) lines >= MIN_COLUMN_LINE_CHARS;
    }

    /**
     * The union of the visible glyphs' [start, end] ranges as sorted disjoint intervals; glyphs sorted by start.
     */
    private static List<double[]> covered(
            List<Glyph> byStart, ToDoubleFunction<Glyph> startOf, ToDoubleFunction<Glyph> endOf) {
        List<double[]> merged = new ArrayList<>();
        double[] last = null;
        for (Glyph g : byStart) {
            if (!g.visible()) {
                continue;
            }
            double start = startOf.applyAsDouble(g);
            double end = endOf.applyAsDouble(g);
            if (Double.isNaN(start) || Double.isNaN(end)) {
                continue;
            }
            if (last != null && start <= last[1]) {
                last[1] = Math.max(last[1], end);
            } else {
                last = new double[] {start, end};
                merged.add(last);
            }
        }
        return merged;
    }

    private static double median(List<Glyph> glyphs, ToDoubleFunction<Glyph> value) {
        double[] values = new double[glyphs.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.applyAsDouble(glyphs.get(i));
        }
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
