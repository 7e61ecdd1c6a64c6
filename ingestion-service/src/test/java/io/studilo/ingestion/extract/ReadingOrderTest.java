package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** Multi-column pages read column by column; single columns and tables as before. */
class ReadingOrderTest {

    record Text(float x, float y, String text) {}

    @Test
    void aTwoColumnPageIsReadColumnByColumnUnderItsTitle() throws IOException {
        List<Text> texts = new ArrayList<>();
        texts.add(new Text(50, 760, "Self-locking nuts: a title that runs across both columns of the page"));
        for (int i = 0; i < 6; i++) {
            texts.add(new Text(50, 720 - 14 * i, "left column sentence number " + i + " goes on here"));
            texts.add(new Text(320, 720 - 14 * i, "right column sentence number " + i + " goes on here"));
        }

        List<String> lines = extract(texts);

        assertThat(lines.get(0)).startsWith("Self-locking nuts");
        assertThat(lines.subList(1, 7)).allMatch(l -> l.startsWith("left column"));
        assertThat(lines.subList(7, 13)).allMatch(l -> l.startsWith("right column"));
        assertThat(lines.get(1)).contains("number 0");
        assertThat(lines.get(7)).contains("number 0");
    }

    @Test
    void aSingleColumnPageKeepsItsLines() throws IOException {
        List<Text> texts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.add(
                    new Text(50, 720 - 14 * i, "a line of running text that spans the page, line " + i + " of eight"));
        }

        assertThat(extract(texts)).hasSize(8).allMatch(l -> l.startsWith("a line of running text"));
    }

    @Test
    void aTableStaysRowByRow() throws IOException {
        List<Text> texts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            texts.add(new Text(50, 720 - 14 * i, "M" + i));
            texts.add(new Text(200, 720 - 14 * i, (i * 3) + " Nm"));
            texts.add(new Text(350, 720 - 14 * i, "steel"));
        }

        List<String> lines = extract(texts);

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("M0").contains("0 Nm").contains("steel");
    }

    private static List<String> extract(List<Text> texts) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            pdf.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                for (Text t : texts) {
                    content.beginText();
                    content.newLineAtOffset(t.x(), t.y());
                    content.showText(t.text());
                    content.endText();
                }
            }
            return new LineCollectingStripper()
                    .page(pdf, 1, java.time.Instant.MAX).stream()
                            .map(TextLine::text)
                            .toList();
        }
    }
}
