package io.studilo.ingestion.chunk;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cuts each section into chunks of about {@code targetTokens}, with up to {@code overlapTokens} of the previous
 * chunk repeated at the start of the next (from a sentence start within them, where there is one). Chunks never
 * cross a section boundary, keep the pages they come from (both ends when they span a page break), and never
 * split a formula: display-math blocks are kept whole and long lines are only broken at spaces outside
 * {@code $…$}.
 */
public final class Chunker {

    private static final int MAX_MATH_BLOCK_LINES = 40;

    /** A line or block of the section; {@code paragraph} when a blank line came before it in the notes. */
    private record Unit(String text, int pageStart, int pageEnd, int tokens, boolean paragraph) {}

    private final int targetTokens;
    private final int overlapTokens;

    public Chunker(int targetTokens, int overlapTokens) {
        this.targetTokens = targetTokens;
        this.overlapTokens = Math.min(overlapTokens, targetTokens / 2);
    }

    public List<DraftChunk> chunk(List<DraftSection> sections) {
        List<DraftChunk> chunks = new ArrayList<>();
        for (DraftSection section : sections) {
            List<Unit> units = units(section.lines());
            int start = 0;
            while (start < units.size()) {
                int end = start;
                int tokens = 0;
                while (end < units.size()
                        && (end == start || tokens + units.get(end).tokens() <= targetTokens)) {
                    tokens += units.get(end).tokens();
                    end++;
                }
                DraftChunk chunk = toChunk(section.ordinal(), chunks.size(), units.subList(start, end));
                // A piece of nothing but marks or symbols (combining accents cut off their letter) has nothing
                // to embed: the embedding model refuses text that normalises to nothing.
                if (chunk.text().codePoints().anyMatch(Character::isLetterOrDigit)) {
                    chunks.add(chunk);
                }
                if (end >= units.size()) {
                    break;
                }
                int next = end;
                int overlap = 0;
                while (next - 1 > start && overlap + units.get(next - 1).tokens() <= overlapTokens) {
                    next--;
                    overlap += units.get(next).tokens();
                }
                start = sentenceStart(units, next, end);
            }
        }
        return chunks;
    }

    /**
     * Where the next chunk starts: the first unit of the overlap that starts a sentence, so that a chunk (and the
     * passage a student is shown) does not open in the middle of one; the whole overlap when no sentence starts
     * in it (it is the middle of one long sentence either way).
     */
    private static int sentenceStart(List<Unit> units, int overlapStart, int end) {
        for (int i = overlapStart; i < end; i++) {
            if (units.get(i).paragraph() || endsSentence(units.get(i - 1).text())) {
                return i;
            }
        }
        return overlapStart;
    }

    private static boolean endsSentence(String text) {
        int i = text.length() - 1;
        while (i >= 0 && "\"'’”)]".indexOf(text.charAt(i)) >= 0) {
            i--; // closing quotes and brackets after the full stop
        }
        return i >= 0 && ".!?:;".indexOf(text.charAt(i)) >= 0;
    }

    private static DraftChunk toChunk(int section, int index, List<Unit> units) {
        StringBuilder text = new StringBuilder();
        for (Unit u : units) {
            if (!text.isEmpty()) {
                // A blank line survives as one: it ends a paragraph (a fact, a definition) even without a full stop.
                text.append(u.paragraph() ? "\n\n" : "\n");
            }
            text.append(u.text());
        }
        int pageStart = units.stream().mapToInt(Unit::pageStart).min().orElseThrow();
        int pageEnd = units.stream().mapToInt(Unit::pageEnd).max().orElseThrow();
        return new DraftChunk(section, index, pageStart, pageEnd, text.toString());
    }

    /** Lines, with display-math blocks joined into one unit and over-long lines split. */
    private List<Unit> units(List<SectionLine> lines) {
        List<Unit> units = new ArrayList<>();
        boolean paragraph = false;
        for (int i = 0; i < lines.size(); i++) {
            SectionLine line = lines.get(i);
            String text = line.text().strip();
            if (text.isEmpty()) {
                paragraph = !units.isEmpty();
                continue;
            }
            String closer = blockCloser(text);
            if (closer != null) {
                StringBuilder block = new StringBuilder(text);
                int j = i + 1;
                while (j < lines.size() && j - i < MAX_MATH_BLOCK_LINES) {
                    String next = lines.get(j).text().strip();
                    block.append('\n').append(next);
                    j++;
                    if (next.contains(closer)) {
                        break;
                    }
                }
                String joined = block.toString();
                units.add(new Unit(joined, line.page(), lines.get(j - 1).page(), Tokens.estimate(joined), paragraph));
                paragraph = false;
                i = j - 1;
                continue;
            }
            int tokens = Tokens.estimate(text);
            if (tokens <= targetTokens) {
                units.add(new Unit(text, line.page(), line.page(), tokens, paragraph));
            } else {
                for (String piece : splitLong(text)) {
                    units.add(new Unit(piece, line.page(), line.page(), Tokens.estimate(piece), paragraph));
                    paragraph = false;
                }
            }
            paragraph = false;
        }
        return units;
    }

    /** The text that ends a display-math block opened on this line, or null if none is opened. */
    private static @Nullable String blockCloser(String text) {
        if (text.equals("$$") || (text.startsWith("$$") && !text.substring(2).contains("$$"))) {
            return "$$";
        }
        if (text.startsWith("\\[") && !text.contains("\\]")) {
            return "\\]";
        }
        if (text.contains("\\begin{") && !text.contains("\\end{")) {
            return "\\end{";
        }
        return null;
    }

    /** Breaks a long line at spaces that are not inside inline math, into pieces of about half the target. */
    private List<String> splitLong(String text) {
        int budget = Math.max(10, targetTokens / 2);
        int maxWordChars = budget * 4;
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inMath = false;
        int wordStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length();
            char c = end ? ' ' : text.charAt(i);
            if (c == '$') {
                inMath = !inMath;
            }
            if ((c == ' ' && !inMath) || end || (i - wordStart >= maxWordChars && !inMath)) {
                // A "word" longer than the budget (a run of letters, a base64 blob) is cut where the budget ends.
                String word = text.substring(wordStart, i);
                if (!current.isEmpty() && Tokens.estimate(current + " " + word) > budget) {
                    pieces.add(current.toString());
                    current.setLength(0);
                }
                if (!word.isEmpty()) {
                    if (!current.isEmpty()) {
                        current.append(' ');
                    }
                    current.append(word);
                }
                wordStart = c == ' ' || end ? i + 1 : i;
            }
        }
        if (!current.isEmpty()) {
            pieces.add(current.toString());
        }
        return pieces;
    }
}
