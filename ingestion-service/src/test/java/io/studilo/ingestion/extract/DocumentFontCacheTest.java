package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.DefaultResourceCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.ResourceCache;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** A font shared by the pages of a PDF is parsed once per document, not once per page. */
class DocumentFontCacheTest {

    @Test
    void theTextStripperNoLongerDropsAPagesFontsFromTheCache() throws IOException {
        byte[] pdf = twoPagesWithOneFont();

        assertThat(fontCachedAfterReadingPageOne(pdf, new DefaultResourceCache()))
                .as("PDFBox's own cache forgets the font after the page")
                .isFalse();
        assertThat(fontCachedAfterReadingPageOne(pdf, new DocumentFontCache())).isTrue();
    }

    @Test
    void thePagesReadTheSameEitherWay() throws IOException {
        byte[] pdf = twoPagesWithOneFont();

        assertThat(text(pdf, new DocumentFontCache())).isEqualTo(text(pdf, new DefaultResourceCache()));
    }

    private static boolean fontCachedAfterReadingPageOne(byte[] bytes, ResourceCache cache) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            pdf.setResourceCache(cache);
            new LineCollectingStripper().page(pdf, 1, Instant.MAX);
            COSDictionary fonts = pdf.getPage(0).getResources().getCOSObject().getCOSDictionary(COSName.FONT);
            COSBase font = fonts.getItem(fonts.keySet().iterator().next());
            return font instanceof COSObject indirect && cache.getFont(indirect) != null;
        }
    }

    private static String text(byte[] bytes, ResourceCache cache) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            pdf.setResourceCache(cache);
            LineCollectingStripper stripper = new LineCollectingStripper();
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.page(pdf, page, Instant.MAX)
                        .forEach(line -> text.append(line.text()).append('\n'));
            }
            return text.toString();
        }
    }

    private static byte[] twoPagesWithOneFont() throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
            for (int n = 1; n <= 2; n++) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    content.showText("Page " + n + " of the lecture notes on orbital mechanics.");
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
