package io.studilo.ingestion;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Documents generated in the tests: a text PDF with headings, a scanned (image-only) PDF, Markdown. */
public final class Fixtures {

    private Fixtures() {}

    public static final String BODY_1 =
            "An orbit is the curved path of an object around a star, planet or moon. Newton showed that gravity "
                    + "keeps the Moon in orbit around the Earth. The shape of a bound orbit is an ellipse with the "
                    + "central body at one focus. The closest point is the periapsis and the farthest the apoapsis.";
    public static final String BODY_2 =
            "A Hohmann transfer moves a spacecraft between two circular orbits with two engine burns. The first "
                    + "burn raises the apoapsis to the radius of the target orbit. The second burn at apoapsis "
                    + "circularises the orbit. It is the most fuel efficient two impulse transfer for small ratios.";
    public static final String BODY_3 =
            "The vis viva equation relates the speed of an orbiting body to its distance from the central body. "
                    + "Engineers use it to compute the velocity change needed for each burn of a transfer.";

    /** Three pages; two numbered 18 pt bold headings on pages 1 and 2; 11 pt body text; page 3 continues. */
    public static byte[] textPdf() {
        try (PDDocument pdf = new PDDocument()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            page(pdf, regular, bold, "1 Orbital Mechanics", BODY_1);
            page(
                    pdf,
                    regular,
                    bold,
                    "2 Hohmann Transfer",
                    BODY_2 + " " + "delta v = sqrt(mu / r1) * (sqrt(2 r2 / (r1 + r2)) - 1)");
            page(pdf, regular, bold, null, BODY_3);
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void page(PDDocument pdf, PDType1Font regular, PDType1Font bold, String heading, String body)
            throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        pdf.addPage(page);
        try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
            float y = 780;
            if (heading != null) {
                out.beginText();
                out.setFont(bold, 18);
                out.newLineAtOffset(60, y);
                out.showText(heading);
                out.endText();
                y -= 36;
            }
            for (String line : wrap(body, 85)) {
                out.beginText();
                out.setFont(regular, 11);
                out.newLineAtOffset(60, y);
                out.showText(line);
                out.endText();
                y -= 15;
            }
        }
    }

    /** One A4 page holding only an image of printed text, as a scanner makes it. */
    public static byte[] scannedPdf(List<String> lines) {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            BufferedImage image = textImage(lines, 2480, 3508, 50);
            PDImageXObject xobject = LosslessFactory.createFromImage(pdf, image);
            try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                out.drawImage(xobject, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Black text on white, about 12 pt at 300 dpi when {@code fontPx} is 50. */
    public static BufferedImage textImage(List<String> lines, int width, int height, int fontPx) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SERIF, Font.PLAIN, fontPx));
            int y = 250;
            for (String line : lines) {
                g.drawString(line, 200, y);
                y += (int) (fontPx * 1.6);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] emptyPdf() {
        try (PDDocument pdf = new PDDocument()) {
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tiny PDF whose page tree claims a huge number of pages. */
    public static byte[] pageCountBomb(long pages) {
        return rawPdf(List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count " + pages + " >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"));
    }

    /** A PDF made of the given objects (numbered from 1, the first is the catalog) with a correct xref table. */
    public static byte[] rawPdf(List<String> objects) {
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n");
        pdf.append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static String markdown() {
        return """
                # Orbital mechanics notes

                Short notes for the exam.

                ## Kepler's laws

                Planets move on ellipses with the Sun at one focus. A line from the Sun to a planet sweeps equal
                areas in equal times. The square of the period is proportional to the cube of the semi-major axis.

                ## The vis-viva equation

                The speed of a body on an orbit follows from energy conservation:

                $$
                v^2 = \\mu \\left( \\frac{2}{r} - \\frac{1}{a} \\right)
                $$

                For a circular orbit $r = a$, so $v = \\sqrt{\\mu / r}$.
                """;
    }

    private static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        return out.toByteArray();
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
