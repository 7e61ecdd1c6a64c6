package io.studilo.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private static DraftSection section(int ordinal, List<SectionLine> lines) {
        return new DraftSection(
                ordinal,
                "S" + ordinal,
                1,
                lines.get(0).page(),
                lines.get(lines.size() - 1).page(),
                lines);
    }

    @Test
    void aBlankLineBetweenParagraphsSurvivesInTheChunkAndWrappedLinesStayTogether() {
        List<SectionLine> lines = List.of(
                new SectionLine("", 1),
                new SectionLine("Male gametes are sperm", 1),
                new SectionLine("", 1),
                new SectionLine("", 1),
                new SectionLine("Meteorologists study the", 1),
                new SectionLine("weather.", 1));

        List<DraftChunk> chunks = new Chunker(300, 50).chunk(List.of(section(0, lines)));

        assertThat(chunks)
                .singleElement()
                .extracting(DraftChunk::text)
                .isEqualTo("Male gametes are sperm\n\nMeteorologists study the\nweather.");
    }

    /** Found by the robustness harness: a 10 MB text of one "word" became one 10 MB chunk. */
    @Test
    void aWordLongerThanAChunkIsCutIntoChunkSizedPieces() {
        String word = "a".repeat(100_000);
        List<DraftChunk> chunks =
                new Chunker(300, 50).chunk(List.of(section(0, List.of(new SectionLine("start " + word + " end", 1)))));

        assertThat(chunks).hasSizeGreaterThan(50);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(1_300));
        assertThat(String.join("", chunks.stream().map(DraftChunk::text).toList())
                        .replaceAll("[^a]", ""))
                .hasSizeGreaterThanOrEqualTo(word.length());
    }

    /** Found by the robustness harness: a run of combining accents cut into pieces reached the model empty. */
    @Test
    void aPieceWithoutLettersOrDigitsIsNotAChunk() {
        String accents = "a" + "\u0301".repeat(5_000);
        List<DraftChunk> chunks =
                new Chunker(300, 50).chunk(List.of(section(0, List.of(new SectionLine(accents + " word", 1)))));

        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.text()).containsPattern("[\\p{L}\\p{N}]"));
        assertThat(chunks)
                .extracting(DraftChunk::index)
                .containsExactly(java.util.stream.IntStream.range(0, chunks.size())
                        .boxed()
                        .toArray(Integer[]::new));
    }

    @Test
    void chunksStayWithinSectionsAndRecordBothPagesWhenSpanning() {
        List<SectionLine> first = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            first.add(new SectionLine("Sentence number " + i + " about orbits and their ellipses.", i < 20 ? 1 : 2));
        }
        List<DraftChunk> chunks = new Chunker(100, 20)
                .chunk(List.of(section(0, first), section(1, List.of(new SectionLine("Short second section.", 3)))));

        assertThat(chunks)
                .extracting(DraftChunk::index)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, chunks.size())
                        .boxed()
                        .toList());
        DraftChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.sectionOrdinal()).isEqualTo(1);
        assertThat(last.text()).isEqualTo("Short second section.");
        assertThat(chunks.stream().filter(c -> c.sectionOrdinal() == 0))
                .allSatisfy(c -> assertThat(Tokens.estimate(c.text())).isLessThanOrEqualTo(100))
                .anySatisfy(c -> {
                    assertThat(c.pageStart()).isEqualTo(1);
                    assertThat(c.pageEnd()).isEqualTo(2);
                });
    }

    @Test
    void consecutiveChunksOverlap() {
        List<SectionLine> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(new SectionLine("Line " + i + " with a few words in it.", 1));
        }
        List<DraftChunk> chunks = new Chunker(60, 20).chunk(List.of(section(0, lines)));
        assertThat(chunks).hasSizeGreaterThan(2);
        String lastLineOfFirst =
                chunks.get(0).text().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(chunks.get(1).text())
                .startsWith(lastLineOfFirst.substring(0, 0))
                .contains(lastLineOfFirst);
    }

    @Test
    void displayMathBlocksAndInlineMathAreNeverSplit() {
        String longLine = "word ".repeat(200) + "$a + b = c$ " + "more ".repeat(200);
        List<SectionLine> lines = List.of(
                new SectionLine("$$", 1),
                new SectionLine("v^2 = \\mu \\left( \\frac{2}{r} - \\frac{1}{a} \\right)", 1),
                new SectionLine("$$", 2),
                new SectionLine(longLine, 2));
        List<DraftChunk> chunks = new Chunker(50, 10).chunk(List.of(section(0, lines)));
        assertThat(chunks.get(0).text()).startsWith("$$\nv^2 = \\mu \\left( \\frac{2}{r} - \\frac{1}{a} \\right)\n$$");
        assertThat(chunks.get(0).pageStart()).isEqualTo(1);
        assertThat(chunks.get(0).pageEnd()).isEqualTo(2);
        assertThat(chunks).anySatisfy(c -> assertThat(c.text()).contains("$a + b = c$"));
    }

    @Test
    void theOverlapStartsAtASentenceWhereOneStartsInIt() {
        List<SectionLine> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Sentences run over three lines, as in a typeset PDF.
            lines.add(new SectionLine("Sentence " + i + " begins here and", 1));
            lines.add(new SectionLine("continues over a second line and", 1));
            lines.add(new SectionLine("ends on a third, number " + i + ".", 1));
        }
        List<DraftChunk> chunks = new Chunker(60, 20).chunk(List.of(section(0, lines)));

        assertThat(chunks).hasSizeGreaterThan(2);
        for (int i = 1; i < chunks.size(); i++) {
            DraftChunk previous = chunks.get(i - 1);
            assertThat(chunks.get(i).text()).startsWith("Sentence ");
            String firstLine = chunks.get(i).text().lines().findFirst().orElseThrow();
            assertThat(previous.text()).as("still an overlap").contains(firstLine);
        }
    }
}
