package io.studilo.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.ingestion.document.DocumentKind;
import io.studilo.ingestion.extract.Extraction;
import io.studilo.ingestion.extract.OutlineEntry;
import io.studilo.ingestion.extract.PageContent;
import io.studilo.ingestion.extract.ReadMethod;
import io.studilo.ingestion.extract.TextLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionDetectorTest {

    private static TextLine body(String text) {
        return new TextLine(text, 11f, false);
    }

    private static final String WORDS = "some body text with enough words to count as a real paragraph of notes";

    @Test
    void bookmarksWinAndStartAtTheLineCarryingTheirTitle() {
        Extraction extraction = new Extraction(
                List.of(
                        new PageContent(1, List.of(body("Intro"), body("1 Drag"), body(WORDS)), ReadMethod.TEXT),
                        new PageContent(2, List.of(body(WORDS), body("2 Lift"), body(WORDS)), ReadMethod.TEXT)),
                List.of(new OutlineEntry("1 Drag", 1, 1), new OutlineEntry("2 Lift", 1, 2)));
        List<DraftSection> sections = new SectionDetector(10).detect(DocumentKind.PDF, extraction);
        assertThat(sections).extracting(DraftSection::title).containsExactly("1 Drag", "2 Lift");
        assertThat(sections.get(0).pageEnd()).isEqualTo(2);
        assertThat(sections.get(1).lines().get(0).text()).isEqualTo("2 Lift");
    }

    @Test
    void aBookmarkFindsItsHeadingDespiteHyphensAndPunctuation() {
        Extraction extraction = new Extraction(
                List.of(
                        new PageContent(
                                1, List.of(body("2.12. Recommended checking order"), body(WORDS)), ReadMethod.TEXT),
                        new PageContent(
                                2,
                                List.of(body("is: the rest of the list"), body("2.13. Non-regular files"), body(WORDS)),
                                ReadMethod.TEXT)),
                List.of(
                        new OutlineEntry("2.12. Recommended checking order", 2, 1),
                        new OutlineEntry("2.13. Nonregular files", 2, 2)));
        List<DraftSection> sections = new SectionDetector(10).detect(DocumentKind.PDF, extraction);
        assertThat(sections.get(0).lines()).extracting(SectionLine::text).contains("is: the rest of the list");
        assertThat(sections.get(0).pageEnd()).isEqualTo(2);
        assertThat(sections.get(1).lines().get(0).text()).isEqualTo("2.13. Non-regular files");
    }

    @Test
    void largerFontLinesBecomeHeadingsWithLevelsBySize() {
        Extraction extraction = new Extraction(
                List.of(new PageContent(
                        1,
                        List.of(
                                new TextLine("Chapter One", 20f, true),
                                body(WORDS),
                                new TextLine("A smaller heading", 14f, true),
                                body(WORDS),
                                body(WORDS),
                                new TextLine("Chapter Two", 20f, true),
                                body(WORDS)),
                        ReadMethod.TEXT)),
                List.of());
        List<DraftSection> sections = new SectionDetector(10).detect(DocumentKind.PDF, extraction);
        assertThat(sections)
                .extracting(DraftSection::title)
                .containsExactly("Chapter One", "A smaller heading", "Chapter Two");
        assertThat(sections).extracting(DraftSection::level).containsExactly(1, 2, 1);
    }

    @Test
    void withoutAHeadingFontBoldCapitalsAtTheBodySizeAreHeadings() {
        Extraction extraction = new Extraction(
                List.of(new PageContent(
                        1,
                        List.of(
                                new TextLine("NAME", 11f, true),
                                body(WORDS),
                                new TextLine("DESCRIPTION", 11f, true),
                                body(WORDS),
                                new TextLine("-c, --create", 11f, true),
                                body(WORDS),
                                new TextLine("TAR_OPTIONS", 11f, true),
                                body(WORDS),
                                new TextLine("SEE ALSO", 11f, true),
                                body(WORDS)),
                        ReadMethod.TEXT)),
                List.of());
        List<DraftSection> sections = new SectionDetector(10).detect(DocumentKind.PDF, extraction);
        assertThat(sections).extracting(DraftSection::title).containsExactly("NAME", "DESCRIPTION", "SEE ALSO");
    }

    @Test
    void oneOrTwoBoldCapitalLinesAreNoStructure() {
        Extraction extraction = new Extraction(
                List.of(new PageContent(
                        1,
                        List.of(new TextLine("NOTE", 11f, true), body(WORDS), new TextLine("WARNING", 11f, true)),
                        ReadMethod.TEXT)),
                List.of());
        assertThat(new SectionDetector(10).detect(DocumentKind.PDF, extraction))
                .extracting(DraftSection::title)
                .containsExactly("Page 1");
    }

    @Test
    void withoutStructureSectionsArePageRanges() {
        List<PageContent> pages = new java.util.ArrayList<>();
        for (int p = 1; p <= 12; p++) {
            pages.add(new PageContent(p, List.of(body(WORDS)), ReadMethod.OCR));
        }
        List<DraftSection> sections = new SectionDetector(5).detect(DocumentKind.PDF, new Extraction(pages, List.of()));
        assertThat(sections).extracting(DraftSection::title).containsExactly("Pages 1–5", "Pages 6–10", "Pages 11–12");
        assertThat(sections.get(2).pageEnd()).isEqualTo(12);
    }

    @Test
    void markdownHeadingsOutsideCodeFences() {
        Extraction extraction = new Extraction(
                List.of(new PageContent(
                        1,
                        List.of(
                                TextLine.plain("# Title"),
                                TextLine.plain("text"),
                                TextLine.plain("```"),
                                TextLine.plain("# not a heading"),
                                TextLine.plain("```"),
                                TextLine.plain("### Deep")),
                        ReadMethod.TEXT)),
                List.of());
        List<DraftSection> sections = new SectionDetector(5).detect(DocumentKind.MARKDOWN, extraction);
        assertThat(sections).extracting(DraftSection::title).containsExactly("Title", "Deep");
        assertThat(sections).extracting(DraftSection::level).containsExactly(1, 3);
    }

    /** Found by the robustness harness: 100,000 Markdown headings (400 KB) ran the worker out of heap. */
    @Test
    void aFileOfNothingButHeadingsGetsABoundedNumberOfSections() {
        List<TextLine> headings = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            headings.add(body("#".repeat(1 + i % 2) + " Heading " + i));
        }
        Extraction onlyHeadings = new Extraction(List.of(new PageContent(1, headings, ReadMethod.TEXT)), List.of());
        List<DraftSection> sections = new SectionDetector(10).detect(DocumentKind.MARKDOWN, onlyHeadings);
        assertThat(sections).hasSizeLessThanOrEqualTo(SectionDetector.MAX_SECTIONS);

        // Within the limit once the second level is dropped: the first-level headings stay sections.
        List<TextLine> twoLevels = new java.util.ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            twoLevels.add(body((i % 3 == 0 ? "# Part " : "## Topic ") + i));
            twoLevels.add(body(WORDS));
        }
        List<DraftSection> parts = new SectionDetector(10)
                .detect(
                        DocumentKind.MARKDOWN,
                        new Extraction(List.of(new PageContent(1, twoLevels, ReadMethod.TEXT)), List.of()));
        assertThat(parts).hasSize(500).allSatisfy(s -> assertThat(s.title()).startsWith("Part "));
    }
}
