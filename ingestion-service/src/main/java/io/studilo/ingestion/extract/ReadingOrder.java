package io.studilo.ingestion.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    private ReadingOrder() {}

    static List<List<TextPosition>> blocks(List<TextPosition> page) {
        List<TextPosition> glyphs = page.stream().filter(ReadingOrder::visible).toList();
        if (glyphs.size() < 2) {
            return List.of(page);
        }
        double charWidth = median(glyphs, TextPosition::getWidthDirAdj);
        double charHeight = median(glyphs, TextPosition::getHeightDir);
        List<List<TextPosition>> blocks = split(page, charWidth, charHeight, 0);
        return blocks.size() == 1 ? List.of(page) : blocks;
    }

    /**
     * The region's blocks. Every position (spaces and zero-width combining marks too) goes to the side its x or
     * y falls on; only visible glyphs decide where the cuts are. Horizontal cuts only serve to find columns
     * below or above a full-width line: when neither side holds columns the region stays whole, so the
     * stripper groups sub- and superscripts into lines exactly as it would without this class.
     */
    private static List<List<TextPosition>> split(
            List<TextPosition> region, double charWidth, double charHeight, int depth) {
        if (depth >= MAX_DEPTH) {
            return List.of(region);
        }
        List<TextPosition> glyphs =
                region.stream().filter(ReadingOrder::visible).toList();
        double gutter = gutter(glyphs, charWidth);
        if (!Double.isNaN(gutter)) {
            List<List<TextPosition>> blocks = new ArrayList<>(
                    split(part(region, p -> p.getXDirAdj() < gutter), charWidth, charHeight, depth + 1));
            blocks.addAll(split(part(region, p -> p.getXDirAdj() >= gutter), charWidth, charHeight, depth + 1));
            return blocks;
        }
        double gap = horizontalGap(glyphs, charHeight);
        if (!Double.isNaN(gap)) {
            List<List<TextPosition>> above =
                    split(part(region, p -> p.getYDirAdj() < gap), charWidth, charHeight, depth + 1);
            List<List<TextPosition>> below =
                    split(part(region, p -> p.getYDirAdj() >= gap), charWidth, charHeight, depth + 1);
            if (above.size() > 1 || below.size() > 1) {
                List<List<TextPosition>> blocks = new ArrayList<>(above);
                blocks.addAll(below);
                return blocks;
            }
        }
        return List.of(region);
    }

    private static List<TextPosition> part(List<TextPosition> region, Predicate<TextPosition> side) {
        return region.stream().filter(side).toList();
    }

    private static boolean visible(TextPosition p) {
        return !p.getUnicode().isBlank() && p.getWidthDirAdj() > 0;
    }

    /** The x of the widest gutter between two prose columns, or NaN. */
    private static double gutter(List<TextPosition> region, double charWidth) {
        List<double[]> covered = merged(region, TextPosition::getXDirAdj, p -> p.getXDirAdj() + p.getWidthDirAdj());
        double best = Double.NaN;
        double bestWidth = MIN_GUTTER_CHAR_WIDTHS * charWidth;
        for (int i = 1; i < covered.size(); i++) {
            double from = covered.get(i - 1)[1];
            double to = covered.get(i)[0];
            double middle = (from + to) / 2;
            if (to - from >= bestWidth
                    && isColumn(region, p -> p.getXDirAdj() < middle)
                    && isColumn(region, p -> p.getXDirAdj() >= middle)) {
                best = middle;
                bestWidth = to - from;
            }
        }
        return best;
    }

    /** The y of the widest horizontal gap clearly wider than line spacing, or NaN. */
    private static double horizontalGap(List<TextPosition> region, double charHeight) {
        List<double[]> covered = merged(region, p -> p.getYDirAdj() - p.getHeightDir(), TextPosition::getYDirAdj);
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

    private static boolean isColumn(List<TextPosition> region, Predicate<TextPosition> side) {
        Set<Integer> lines = new HashSet<>();
        int chars = 0;
        for (TextPosition p : region) {
            if (side.test(p)) {
                lines.add(Math.round(p.getYDirAdj()));
                chars++;
            }
        }
        return lines.size() >= MIN_COLUMN_LINES && chars / (double) lines.size() >= MIN_COLUMN_LINE_CHARS;
    }

    /** The union of the characters' [start, end] ranges on one axis, as sorted disjoint intervals. */
    private static List<double[]> merged(
            List<TextPosition> region, ToDoubleFunction<TextPosition> start, ToDoubleFunction<TextPosition> end) {
        List<double[]> ranges = new ArrayList<>(region.size());
        region.forEach(p -> ranges.add(new double[] {start.applyAsDouble(p), end.applyAsDouble(p)}));
        ranges.sort(Comparator.comparingDouble(r -> r[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] r : ranges) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new double[] {r[0], r[1]});
            }
        }
        return merged;
    }

    private static double median(List<TextPosition> glyphs, ToDoubleFunction<TextPosition> value) {
        double[] values = glyphs.stream().mapToDouble(value).sorted().toArray();
        return values[values.length / 2];
    }
}
