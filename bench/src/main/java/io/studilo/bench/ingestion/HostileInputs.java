package io.studilo.bench.ingestion;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * Generates broken and hostile uploads, all made here (deterministic for a seed), plus mutations of the
 * sample files in a folder the caller names (read at run time, never copied into the repository).
 */
final class HostileInputs {

    /** One upload: a family (for the counts), a name, the file name sent, and the bytes made on demand. */
    record Case(String family, String name, String fileName, Supplier<byte[]> content) {}

    private static final String LOREM = "Rockets fly because the thrust of the motor exceeds the weight and the drag "
            + "of the vehicle; the fins keep the centre of pressure behind the centre of gravity.";

    private final Random random;
    private final List<Path> seeds;

    HostileInputs(long seed, List<Path> seeds) {
        this.random = new Random(seed);
        this.seeds = seeds;
    }

    List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(controls());
        cases.addAll(truncations());
        cases.addAll(byteFlips());
        cases.addAll(xrefDamage());
        cases.addAll(structure());
        cases.addAll(nesting());
        cases.addAll(pageTrees());
        cases.addAll(boxes());
        cases.addAll(pdfImages());
        cases.addAll(encryption());
        cases.addAll(images());
        cases.addAll(texts());
        cases.addAll(fileNames());
        return cases;
    }

    // ---------------------------------------------------------------- controls

    private List<Case> controls() {
        return List.of(
                new Case("control", "text-pdf", "control.pdf", () -> textPdf(3)),
                new Case("control", "markdown", "control.md", () -> utf8("# Rockets\n\n" + LOREM + "\n")),
                new Case("control", "png-text", "control.png", () -> png(textImage(900, 300))));
    }

    // ---------------------------------------------------------------- mutations of seeds

    private List<byte[]> seedPdfs() {
        List<byte[]> all = new ArrayList<>();
        all.add(textPdf(3));
        all.add(scannedPdf());
        for (Path p : seeds) {
            all.add(read(p));
        }
        return all;
    }

    private List<String> seedNames() {
        List<String> names = new ArrayList<>(List.of("generated-text", "generated-scan"));
        seeds.forEach(p -> names.add(p.getFileName().toString().replaceFirst("\\.pdf$", "")));
        return names;
    }

    private List<Case> truncations() {
        List<Case> cases = new ArrayList<>();
        List<String> names = seedNames();
        for (int s = 0; s < names.size(); s++) {
            int index = s;
            double[] fractions = {0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98};
            int[] fromEnd = {1, 8, 30, 120};
            for (double f : fractions) {
                cases.add(new Case("truncate", names.get(s) + "@" + f, "cut.pdf", () -> {
                    byte[] b = seedPdfs().get(index);
                    return Arrays.copyOf(b, Math.max(8, (int) (b.length * f)));
                }));
            }
            for (int n : fromEnd) {
                cases.add(new Case("truncate", names.get(s) + "@-" + n, "cut.pdf", () -> {
                    byte[] b = seedPdfs().get(index);
                    return Arrays.copyOf(b, Math.max(8, b.length - n));
                }));
            }
        }
        return cases;
    }

    private List<Case> byteFlips() {
        List<Case> cases = new ArrayList<>();
        List<String> names = seedNames();
        for (int s = 0; s < names.size(); s++) {
            for (int flips : new int[] {1, 16, 256}) {
                long flipSeed = random.nextLong();
                int index = s;
                cases.add(new Case("byteflip", names.get(s) + " x" + flips, "flipped.pdf", () -> {
                    byte[] b = seedPdfs().get(index).clone();
                    Random r = new Random(flipSeed);
                    // Keep the header so the upload is still taken for a PDF and the worker has to cope.
                    for (int i = 0; i < flips && b.length > 16; i++) {
                        b[16 + r.nextInt(b.length - 16)] = (byte) r.nextInt(256);
                    }
                    return b;
                }));
            }
        }
        return cases;
    }

    // ---------------------------------------------------------------- xref and trailer

    private List<Case> xrefDamage() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "xref", "no-xref-no-trailer", "noxref.pdf", () -> textRaw().finishWithoutXref()));
        cases.add(new Case(
                "xref",
                "xref-garbled",
                "garbled.pdf",
                () -> replaceAfter(textRaw().finish(), "xref\n", b -> {
                    for (int i = 0; i < b.length; i++) {
                        if (Character.isDigit(b[i])) {
                            b[i] = (byte) ('0' + (b[i] * 7 + i) % 10);
                        }
                    }
                })));
        cases.add(new Case(
                "xref",
                "startxref-past-end",
                "startxref.pdf",
                () -> replaceText(textRaw().finish(), "startxref\n", "startxref\n99999999")
                        .orElseThrow()));
        cases.add(new Case(
                "xref",
                "startxref-negative",
                "startxref.pdf",
                () -> replaceText(textRaw().finish(), "startxref\n", "startxref\n-5")
                        .orElseThrow()));
        cases.add(new Case(
                "xref",
                "trailer-without-root",
                "noroot.pdf",
                () -> replaceText(textRaw().finish(), "/Root 1 0 R", "           ")
                        .orElseThrow()));
        cases.add(new Case(
                "xref",
                "root-is-not-a-dictionary",
                "badroot.pdf",
                () -> new RawPdf("1.4").object("[1 2 3]").finish()));
        cases.add(new Case("xref", "xref-offsets-all-zero", "zero.pdf", () -> {
            byte[] b = textRaw().finish();
            String s = new String(b, StandardCharsets.ISO_8859_1);
            return s.replaceAll("\\d{10} 00000 n", "0000000000 00000 n").getBytes(StandardCharsets.ISO_8859_1);
        }));
        cases.add(new Case("xref", "prev-loop", "prev.pdf", () -> {
            RawPdf pdf = textRaw();
            byte[] b = pdf.trailerExtra("/Prev 0 ").finish();
            // /Prev at the offset of the xref itself: an incremental-update chain that loops.
            String s = new String(b, StandardCharsets.ISO_8859_1);
            int xref = s.lastIndexOf("xref\n");
            return s.replace("/Prev 0 ", "/Prev " + xref + " ").getBytes(StandardCharsets.ISO_8859_1);
        }));
        cases.add(new Case("xref", "xref-stream-self", "xrefstm.pdf", PdfStructures::selfReferencingXrefStream));
        cases.add(new Case("xref", "only-header", "header.pdf", () -> utf8("%PDF-1.7\n")));
        cases.add(new Case("xref", "header-then-garbage", "garbage.pdf", () -> {
            byte[] b = new byte[64 * 1024];
            new Random(7).nextBytes(b);
            System.arraycopy(latin1("%PDF-1.4\n"), 0, b, 0, 9);
            return b;
        }));
        return cases;
    }

    // ---------------------------------------------------------------- object structure

    private List<Case> structure() {
        return List.of(
                new Case(
                        "structure",
                        "objstm-contains-itself",
                        "objstm.pdf",
                        PdfStructures::objectStreamContainingItself),
                new Case("structure", "objstm-extends-loop", "objstm.pdf", PdfStructures::objectStreamExtendsLoop),
                new Case("structure", "pages-kid-is-its-parent", "loop.pdf", PdfStructures::pageTreeLoop),
                new Case("structure", "form-xobject-draws-itself", "form.pdf", PdfStructures::selfDrawingForm),
                new Case("structure", "forms-draw-each-other", "form.pdf", PdfStructures::mutuallyDrawingForms),
                new Case("structure", "type3-glyph-draws-itself", "type3.pdf", PdfStructures::selfDrawingType3),
                new Case(
                        "structure",
                        "length-is-a-reference-to-itself",
                        "length.pdf",
                        PdfStructures::lengthSelfReference),
                new Case("structure", "length-wrong", "length.pdf", PdfStructures::wrongLength),
                new Case("structure", "unknown-filter", "filter.pdf", PdfStructures::unknownFilter),
                new Case("structure", "filter-chain-100", "filter.pdf", PdfStructures::longFilterChain),
                new Case("structure", "outline-loop-deep", "outline.pdf", PdfStructures::outlineLoop),
                new Case(
                        "structure",
                        "q-without-Q-2M",
                        "gstate.pdf",
                        () -> RawPdf.onePage("", "q ".repeat(2_000_000) + RawPdf.textContent(List.of(LOREM)))),
                new Case(
                        "structure",
                        "operators-10M",
                        "ops.pdf",
                        () -> RawPdf.onePage(
                                "", "0 0 m 1 1 l S\n".repeat(700_000) + RawPdf.textContent(List.of(LOREM)))),
                new Case(
                        "structure",
                        "font-missing",
                        "font.pdf",
                        () -> RawPdf.onePage("", "BT /F9 12 Tf 72 700 Td (" + LOREM + ") Tj ET")),
                new Case("structure", "content-is-a-number", "content.pdf", PdfStructures::contentIsNumber),
                new Case(
                        "structure",
                        "text-1MB-one-string",
                        "long.pdf",
                        () -> RawPdf.onePage("", "BT /F1 1 Tf 0 700 Td (" + "word ".repeat(200_000) + ") Tj ET")));
    }

    private List<Case> nesting() {
        List<Case> cases = new ArrayList<>();
        for (int depth : new int[] {1_000, 100_000, 1_000_000}) {
            cases.add(new Case(
                    "nesting",
                    "array-in-page-dict-" + depth,
                    "nested.pdf",
                    () -> RawPdf.onePage(
                            "/Junk " + "[".repeat(depth) + "]".repeat(depth), RawPdf.textContent(List.of(LOREM)))));
            cases.add(new Case(
                    "nesting",
                    "dict-in-page-dict-" + depth,
                    "nested.pdf",
                    () -> RawPdf.onePage(
                            "/Junk " + "<< /A ".repeat(depth) + ">> ".repeat(depth),
                            RawPdf.textContent(List.of(LOREM)))));
            cases.add(new Case(
                    "nesting",
                    "array-in-content-" + depth,
                    "nested.pdf",
                    () -> RawPdf.onePage(
                            "",
                            "[".repeat(depth) + "]".repeat(depth) + " pop\n" + RawPdf.textContent(List.of(LOREM)))));
            cases.add(new Case(
                    "nesting",
                    "unclosed-array-in-content-" + depth,
                    "nested.pdf",
                    () -> RawPdf.onePage("", RawPdf.textContent(List.of(LOREM)) + "[".repeat(depth))));
        }
        cases.add(new Case("nesting", "deep-page-tree-5000", "deep.pdf", () -> PdfStructures.deepPageTree(5_000)));
        cases.add(new Case("nesting", "deep-page-tree-50000", "deep.pdf", () -> PdfStructures.deepPageTree(50_000)));
        cases.add(new Case("nesting", "nested-forms-5000", "forms.pdf", () -> PdfStructures.nestedForms(5_000)));
        return cases;
    }

    private List<Case> pageTrees() {
        return List.of(
                new Case("pagetree", "count-1e9-one-kid", "count.pdf", () -> PdfStructures.wrongCount("1000000000")),
                new Case("pagetree", "count-negative", "count.pdf", () -> PdfStructures.wrongCount("-1")),
                new Case("pagetree", "count-not-a-number", "count.pdf", () -> PdfStructures.wrongCount("/Nope")),
                new Case("pagetree", "1999-empty-pages", "blank.pdf", () -> PdfStructures.flatPages(1_999, "")),
                new Case("pagetree", "2001-pages", "many.pdf", () -> PdfStructures.flatPages(2_001, "")),
                new Case(
                        "pagetree",
                        "300-blank-pages-1-text",
                        "blank.pdf",
                        () -> PdfStructures.flatPages(300, RawPdf.textContent(List.of(LOREM)))),
                new Case(
                        "pagetree",
                        "1500-pages-shared-content",
                        "many.pdf",
                        () -> PdfStructures.flatPages(1_500, RawPdf.textContent(List.of(LOREM, LOREM)))),
                new Case("pagetree", "one-empty-page", "empty.pdf", () -> PdfStructures.flatPages(1, "")),
                new Case("pagetree", "kids-not-pages", "kids.pdf", PdfStructures::kidsAreNotPages));
    }

    private List<Case> boxes() {
        List<Case> cases = new ArrayList<>();
        String[] boxes = {
            "[0 0 14400 14400]", "[0 0 1000000 1000000]", "[0 0 3.4e38 3.4e38]", "[0 0 0 0]", "[0 0 -612 -792]",
            "[0 0 1 100000]", "[100 100 100 100]", "[0 0 612]", "[/a /b /c /d]", "[0 0 612 792 1 2]"
        };
        for (String box : boxes) {
            for (int rotate : new int[] {0, 90}) {
                // Only a page without a usable text layer is rendered, so these pages have none.
                cases.add(new Case(
                        "box",
                        "mediabox " + box + " rotate " + rotate,
                        "box.pdf",
                        () -> RawPdf.onePage("/MediaBox " + box + " /Rotate " + rotate, "0 0 m 100 100 l S")));
            }
        }
        cases.add(new Case("box", "rotate-45", "box.pdf", () -> RawPdf.onePage("/Rotate 45", "0 0 m 100 100 l S")));
        cases.add(new Case("box", "rotate-huge", "box.pdf", () -> RawPdf.onePage("/Rotate 2147483647", "")));
        cases.add(new Case(
                "box",
                "userunit-75000",
                "box.pdf",
                () -> RawPdf.onePage("/UserUnit 75000 /MediaBox [0 0 14400 14400]", "0 0 m 100 100 l S")));
        cases.add(new Case(
                "box",
                "cropbox-huge-mediabox-small",
                "box.pdf",
                () -> RawPdf.onePage("/CropBox [0 0 1000000 1000000]", "0 0 m 100 100 l S")));
        return cases;
    }

    private List<Case> pdfImages() {
        return List.of(
                new Case(
                        "pdfimage",
                        "xobject-100000x100000-tiny-stream",
                        "img.pdf",
                        () -> PdfStructures.imagePage(100_000, 100_000, 8, "/DeviceGray", new byte[16], "")),
                new Case(
                        "pdfimage",
                        "xobject-60000x60000-flate-bomb",
                        "img.pdf",
                        () -> PdfStructures.imagePageStored(
                                60_000,
                                60_000,
                                1,
                                "/DeviceGray",
                                RawPdf.deflateZeros(60_000L / 8 * 60_000),
                                "/Filter /FlateDecode")),
                new Case(
                        "pdfimage",
                        "xobject-30000x30000-rgb-bomb",
                        "img.pdf",
                        () -> PdfStructures.imagePageStored(
                                30_000,
                                30_000,
                                8,
                                "/DeviceRGB",
                                RawPdf.deflateZeros(30_000L * 3 * 30_000),
                                "/Filter /FlateDecode")),
                new Case(
                        "pdfimage",
                        "xobject-0x0",
                        "img.pdf",
                        () -> PdfStructures.imagePage(0, 0, 8, "/DeviceGray", new byte[1], "")),
                new Case(
                        "pdfimage",
                        "xobject-negative",
                        "img.pdf",
                        () -> PdfStructures.imagePage(-5, 10, 8, "/DeviceGray", new byte[1], "")),
                new Case(
                        "pdfimage",
                        "xobject-bpc-99",
                        "img.pdf",
                        () -> PdfStructures.imagePage(10, 10, 99, "/DeviceGray", new byte[100], "")),
                new Case(
                        "pdfimage",
                        "xobject-jpx-garbage",
                        "img.pdf",
                        () -> PdfStructures.imagePage(
                                2000, 2000, 8, "/DeviceGray", new byte[500], "/Filter /JPXDecode")),
                new Case(
                        "pdfimage",
                        "xobject-dct-header-65535",
                        "img.pdf",
                        () -> PdfStructures.imagePage(
                                65_535,
                                65_535,
                                8,
                                "/DeviceGray",
                                Jpegs.hugeDeclared(65_535, 65_535, false),
                                "/Filter /DCTDecode")),
                new Case(
                        "pdfimage",
                        "xobject-jbig2-garbage",
                        "img.pdf",
                        () -> PdfStructures.imagePage(
                                2000, 2000, 1, "/DeviceGray", new byte[500], "/Filter /JBIG2Decode")),
                new Case(
                        "pdfimage",
                        "inline-image-huge",
                        "inline.pdf",
                        () -> RawPdf.onePage(
                                "", "q 612 0 0 792 0 0 cm BI /W 100000 /H 100000 /BPC 8 /CS /G ID \0\0\0\0 EI Q")),
                new Case(
                        "pdfimage",
                        "indexed-lookup-short",
                        "img.pdf",
                        () -> PdfStructures.imagePage(
                                100, 100, 8, "[/Indexed /DeviceRGB 255 <00>]", new byte[10_000], "")),
                new Case("pdfimage", "scanned-ok", "scan.pdf", this::scannedPdf));
    }

    private List<Case> encryption() {
        return List.of(
                new Case("encrypted", "user-password-aes128", "locked.pdf", () -> encrypted("user", 128)),
                new Case("encrypted", "user-password-aes256", "locked.pdf", () -> encrypted("user", 256)),
                new Case("encrypted", "user-password-rc4-40", "locked.pdf", () -> encrypted("user", 40)),
                new Case("encrypted", "owner-only-aes128", "owner.pdf", () -> encrypted("", 128)),
                new Case("encrypted", "owner-only-aes256", "owner.pdf", () -> encrypted("", 256)),
                new Case("encrypted", "owner-only-rc4-40", "owner.pdf", () -> encrypted("", 40)),
                new Case(
                        "encrypted",
                        "encrypt-dict-garbage",
                        "enc.pdf",
                        () -> textRaw()
                                .object("<< /Filter /Standard /V 99 /R 99 /O (x) /U (y) /P -4 >>")
                                .trailerExtra("/Encrypt 6 0 R /ID [<00><00>] ")
                                .finish()),
                new Case(
                        "encrypted",
                        "encrypt-unknown-handler",
                        "enc.pdf",
                        () -> textRaw()
                                .object("<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 >>")
                                .trailerExtra("/Encrypt 6 0 R ")
                                .finish()));
    }

    // ---------------------------------------------------------------- images

    private List<Case> images() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "image", "png-1x1", "tiny.png", () -> png(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB))));
        cases.add(new Case(
                "image",
                "jpeg-1x1",
                "tiny.jpg",
                () -> jpeg(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), false)));
        cases.add(new Case(
                "image",
                "tiff-1x1",
                "tiny.tif",
                () -> tiff(List.of(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)), null)));
        cases.add(new Case("image", "png-16bit-gray", "gray16.png", () -> png(gray16(textImage(900, 300)))));
        cases.add(new Case("image", "png-palette", "palette.png", () -> png(palette(textImage(900, 300)))));
        cases.add(new Case("image", "png-rgba", "rgba.png", () -> png(withAlpha(textImage(900, 300)))));
        cases.add(new Case("image", "png-1bit", "binary.png", () -> png(binary(textImage(900, 300)))));
        cases.add(new Case("image", "jpeg-cmyk", "cmyk.jpg", () -> Jpegs.cmyk(textImage(900, 300))));
        cases.add(new Case("image", "jpeg-progressive", "prog.jpg", () -> jpeg(textImage(900, 300), true)));
        cases.add(new Case("image", "jpeg-truncated-half", "cut.jpg", () -> half(jpeg(textImage(900, 300), false))));
        cases.add(new Case(
                "image", "jpeg-progressive-truncated", "cut.jpg", () -> half(jpeg(textImage(900, 300), true))));
        cases.add(new Case("image", "png-truncated-half", "cut.png", () -> half(png(textImage(900, 300)))));
        cases.add(new Case(
                "image", "tiff-truncated-half", "cut.tif", () -> half(tiff(List.of(textImage(900, 300)), null))));
        cases.add(
                new Case("image", "png-ihdr-100000x100000-bomb", "bomb.png", () -> Pngs.bomb(100_000, 100_000, 0, 1)));
        cases.add(
                new Case("image", "png-ihdr-50000x50000-8bit-bomb", "bomb.png", () -> Pngs.bomb(50_000, 50_000, 0, 8)));
        cases.add(new Case("image", "png-ihdr-2e9-wide", "bomb.png", () -> Pngs.bomb(2_000_000_000, 1, 0, 8)));
        cases.add(new Case("image", "png-ihdr-huge-no-idat", "bomb.png", () -> Pngs.headerOnly(1_000_000, 1_000_000)));
        cases.add(new Case("image", "png-rgb-20000x20000-bomb", "bomb.png", () -> Pngs.bomb(20_000, 20_000, 2, 8)));
        cases.add(
                new Case("image", "jpeg-sof-65535x65535", "bomb.jpg", () -> Jpegs.hugeDeclared(65_535, 65_535, false)));
        cases.add(new Case(
                "image",
                "jpeg-progressive-sof-65535x65535",
                "bomb.jpg",
                () -> Jpegs.hugeDeclared(65_535, 65_535, true)));
        cases.add(new Case(
                "image", "tiff-declared-100000x100000", "bomb.tif", () -> Tiffs.declared(100_000, 100_000, 1, 1)));
        cases.add(new Case(
                "image",
                "tiff-declared-2e9x2e9",
                "bomb.tif",
                () -> Tiffs.declared(2_000_000_000, 2_000_000_000, 1, 8)));
        cases.add(new Case("image", "tiff-ifd-loop", "loop.tif", Tiffs::ifdLoop));
        cases.add(new Case("image", "tiff-ifd-chain-5000", "chain.tif", () -> Tiffs.chain(5_000)));
        cases.add(new Case("image", "tiff-unknown-compression", "comp.tif", () -> Tiffs.declared(100, 100, 99, 8)));
        cases.add(new Case(
                "image",
                "tiff-multipage-3",
                "pages.tif",
                () -> tiff(
                        List.of(
                                textImage(900, 300),
                                textImage(900, 300),
                                new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY)),
                        null)));
        cases.add(new Case(
                "image",
                "tiff-multipage-lzw",
                "pages.tif",
                () -> tiff(List.of(textImage(900, 300), textImage(900, 300)), "LZW")));
        cases.add(new Case(
                "image", "tiff-jpeg-compressed", "jpeg.tif", () -> tiff(List.of(rgb(textImage(900, 300))), "JPEG")));
        cases.add(new Case(
                "image", "tiff-ccitt-g4", "fax.tif", () -> tiff(List.of(binary(textImage(900, 300))), "CCITT T.6")));
        cases.add(new Case(
                "image",
                "tiff-2001-frames",
                "many.tif",
                () -> tiff(Collections.nCopies(2_001, new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY)), null)));
        cases.add(new Case(
                "image",
                "tiff-200-frames",
                "many.tif",
                () -> tiff(Collections.nCopies(200, new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_BINARY)), null)));
        cases.add(new Case("image", "png-crc-wrong", "crc.png", () -> {
            byte[] b = png(textImage(900, 300));
            b[29] ^= 0x55; // inside the IHDR CRC
            return b;
        }));
        cases.add(new Case("image", "png-only-signature", "sig.png", () -> Arrays.copyOf(png(textImage(10, 10)), 8)));
        cases.add(new Case(
                "image", "jpeg-only-soi", "soi.jpg", () -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
        cases.add(new Case("image", "tiff-only-header", "hdr.tif", () -> new byte[] {'I', 'I', 42, 0}));
        cases.add(new Case(
                "image", "tiff-ifd-offset-past-end", "hdr.tif", () -> new byte[] {'I', 'I', 42, 0, 0, 0, 0, 0x70}));
        return cases;
    }

    // ---------------------------------------------------------------- text

    private List<Case> texts() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(
                "text",
                "utf16le-bom",
                "notes.txt",
                () -> withBom(
                        new byte[] {(byte) 0xFF, (byte) 0xFE}, (LOREM + "\n").getBytes(StandardCharsets.UTF_16LE))));
        cases.add(new Case(
                "text", "utf16be-no-bom", "notes.txt", () -> (LOREM + "\n").getBytes(StandardCharsets.UTF_16BE)));
        cases.add(new Case(
                "text",
                "latin1",
                "notes.txt",
                () -> ("Caf\u00e9 cr\u00e8me " + LOREM).getBytes(StandardCharsets.ISO_8859_1)));
        cases.add(new Case(
                "text",
                "utf8-bom",
                "notes.md",
                () -> withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("# Notes\n\n" + LOREM + "\n"))));
        cases.add(new Case("text", "binary-garbage-as-txt", "notes.txt", () -> randomBytes(100_000)));
        cases.add(new Case("text", "binary-garbage-as-md", "notes.md", () -> randomBytes(1000)));
        cases.add(new Case("text", "nul-in-the-middle", "notes.txt", () -> utf8(LOREM + "\0" + LOREM)));
        cases.add(new Case("text", "nul-at-1MB", "notes.txt", () -> {
            byte[] b = utf8((LOREM + "\n").repeat(7_000));
            b[b.length - 10] = 0;
            return b;
        }));
        cases.add(new Case("text", "only-newlines", "notes.txt", () -> utf8("\n".repeat(100_000))));
        cases.add(new Case("text", "only-spaces", "notes.txt", () -> utf8(" ".repeat(10_000))));
        cases.add(new Case("text", "one-line-20MB", "line.txt", () -> utf8("word ".repeat(4_000_000))));
        cases.add(new Case("text", "one-word-10MB", "word.txt", () -> utf8("a".repeat(10_000_000))));
        cases.add(new Case("text", "cr-only-line-ends", "mac.txt", () -> utf8((LOREM + "\r").repeat(2_000))));
        cases.add(new Case(
                "text",
                "markdown-only-headings",
                "heads.md",
                () -> utf8(IntStream.range(0, 500)
                        .mapToObj(i -> "#".repeat(1 + i % 6) + " Heading " + i + "\n")
                        .reduce("", String::concat))));
        cases.add(new Case("text", "markdown-one-heading", "head.md", () -> utf8("# Only a title\n")));
        cases.add(new Case("text", "markdown-100000-headings", "heads.md", () -> utf8("# h\n".repeat(100_000))));
        cases.add(new Case(
                "text",
                "markdown-unclosed-fence",
                "fence.md",
                () -> utf8("# Code\n\n```\n" + (LOREM + "\n").repeat(5_000))));
        cases.add(new Case(
                "text",
                "markdown-deep-lists",
                "lists.md",
                () -> utf8(IntStream.range(0, 5_000)
                        .mapToObj(i -> "  ".repeat(i) + "- item " + i + "\n")
                        .reduce(new StringBuilder(), StringBuilder::append, StringBuilder::append)
                        .toString())));
        cases.add(new Case("text", "markdown-nested-quotes", "quotes.md", () -> utf8(">".repeat(100_000) + " deep\n")));
        cases.add(new Case(
                "text", "combining-marks", "zalgo.txt", () -> utf8(("a" + "\u0301".repeat(5_000) + " ").repeat(200))));
        cases.add(new Case(
                "text", "emoji-and-surrogates", "emoji.txt", () -> utf8("\uD83D\uDE80 rocket ".repeat(20_000))));
        cases.add(new Case(
                "text", "rtl-and-bidi", "bidi.txt", () -> utf8("\u202E" + LOREM + " \u05e9\u05dc\u05d5\u05dd\n")));
        cases.add(new Case("text", "overlong-utf8", "bad.txt", () -> new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'b'}));
        cases.add(new Case("text", "lone-surrogate-utf8", "bad.txt", () ->
                new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        cases.add(new Case("text", "escape-sequences", "esc.txt", () -> utf8("\u001b[31mred\u001b[0m " + LOREM)));
        cases.add(new Case(
                "text",
                "formula-heavy",
                "math.md",
                () -> utf8(
                        "# Math\n\n" + "$$\\int_0^\\infty e^{-x^2} dx = \\frac{\\sqrt\\pi}{2}$$\n\n".repeat(2_000))));
        cases.add(new Case("text", "one-byte", "a.txt", () -> utf8("a")));
        cases.add(new Case("text", "empty", "empty.txt", () -> new byte[0]));
        return cases;
    }

    private List<Case> fileNames() {
        List<String> names = List.of(
                "\u30ce\u30fc\u30c8 \u7b2c1\u7ae0 \u00fcber Rakete\u0301n.md",
                "notes\u0001\u0007\u001b[31m.md",
                "../../../../etc/passwd",
                "..\\..\\windows\\system32\\notes.md",
                "/absolute/path/notes.md",
                "%2e%2e%2f%2e%2e%2fnotes.md",
                "a".repeat(320) + ".md",
                "\u00e9".repeat(400) + ".md",
                "\uD83D\uDE80".repeat(200) + ".md",
                "...",
                ".hidden.md",
                "CON.md",
                "\u202Egnp.md",
                "  spaces  .md",
                "semi;colon' quote\".md",
                "<script>alert(1)</script>.md",
                "");
        List<Case> cases = new ArrayList<>();
        for (String name : names) {
            cases.add(new Case("filename", printable(name), name, () -> utf8("# Title\n\n" + LOREM + "\n")));
        }
        return cases;
    }

    // ---------------------------------------------------------------- helpers: PDFs made with PDFBox

    static byte[] textPdf(int pages) {
        try (PDDocument pdf = new PDDocument()) {
            PDDocumentOutline outline = new PDDocumentOutline();
            pdf.getDocumentCatalog().setDocumentOutline(outline);
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int n = 1; n <= pages; n++) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                    c.beginText();
                    c.setFont(font, 11);
                    c.setLeading(14);
                    c.newLineAtOffset(60, 780);
                    c.showText("Chapter " + n + ": flight");
                    for (int line = 0; line < 20; line++) {
                        c.newLine();
                        c.showText("Line " + line + " of page " + n + ": the rocket's fins keep it stable.");
                    }
                    c.endText();
                }
                PDOutlineItem item = new PDOutlineItem();
                item.setTitle("Chapter " + n);
                item.setDestination(page);
                outline.addLast(item);
            }
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] scannedPdf() {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(pdf, textImage(1240, 400));
            try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                c.drawImage(image, 0, 600, 595, 192);
            }
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encrypted(String userPassword, int keyLength) {
        try (PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(textPdf(2))) {
            AccessPermission none = new AccessPermission();
            none.setCanExtractContent(false);
            none.setCanPrint(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, none);
            policy.setEncryptionKeyLength(keyLength);
            pdf.protect(policy);
            return save(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        return out.toByteArray();
    }

    /** The hand-made text PDF (objects 1-5) to damage; callers may add objects and must call finish. */
    static RawPdf textRaw() {
        return new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>")
                .flateStream("", RawPdf.latin1(RawPdf.textContent(List.of(LOREM, LOREM, LOREM))))
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    }

    static String lorem() {
        return LOREM;
    }

    // ---------------------------------------------------------------- helpers: images

    static BufferedImage textImage(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, Math.max(8, height / 8)));
        g.drawString("Rockets need stable fins", width / 20, height / 3);
        g.drawString("and a steady motor burn.", width / 20, 2 * height / 3);
        g.dispose();
        return image;
    }

    static BufferedImage rgb(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.createGraphics().drawImage(src, 0, 0, null);
        return out;
    }

    private static BufferedImage withAlpha(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_ARGB);
        out.createGraphics().drawImage(src, 0, 0, null);
        return out;
    }

    private static BufferedImage binary(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        out.createGraphics().drawImage(src, 0, 0, null);
        return out;
    }

    private static BufferedImage palette(BufferedImage src) {
        byte[] levels = new byte[16];
        for (int i = 0; i < 16; i++) {
            levels[i] = (byte) (i * 17);
        }
        IndexColorModel model = new IndexColorModel(4, 16, levels, levels, levels);
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_INDEXED, model);
        out.createGraphics().drawImage(src, 0, 0, null);
        return out;
    }

    private static BufferedImage gray16(BufferedImage src) {
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_GRAY),
                false,
                false,
                java.awt.Transparency.OPAQUE,
                DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(src.getWidth(), src.getHeight());
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                raster.setSample(x, y, 0, src.getRaster().getSample(x, y, 0) * 257);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    static byte[] jpeg(BufferedImage image, boolean progressive) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(rgb(image), null, null), param);
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] tiff(List<BufferedImage> frames, String compression) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (BufferedImage frame : frames) {
                    writer.writeToSequence(new IIOImage(frame, null, null), param);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- helpers: bytes

    private static byte[] half(byte[] b) {
        return Arrays.copyOf(b, b.length / 2);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        // Not a magic number of a supported type.
        b[0] = 'x';
        return b;
    }

    private static byte[] withBom(byte[] bom, byte[] rest) {
        byte[] b = Arrays.copyOf(bom, bom.length + rest.length);
        System.arraycopy(rest, 0, b, bom.length, rest.length);
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] replaceAfter(byte[] b, String marker, java.util.function.Consumer<byte[]> damage) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.lastIndexOf(marker);
        byte[] tail = Arrays.copyOfRange(b, at + marker.length(), b.length);
        damage.accept(tail);
        byte[] out = b.clone();
        System.arraycopy(tail, 0, out, at + marker.length(), tail.length);
        return out;
    }

    private static java.util.Optional<byte[]> replaceText(byte[] b, String from, String to) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        if (from.equals("startxref\n")) {
            int at = s.lastIndexOf(from);
            int end = s.indexOf('\n', at + from.length());
            return java.util.Optional.of(
                    (s.substring(0, at) + to + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1));
        }
        return s.contains(from)
                ? java.util.Optional.of(s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1))
                : java.util.Optional.empty();
    }

    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(40).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return (name.length() > 40 ? out + "…(" + name.length() + ")" : out.toString()).replace('\t', ' ');
    }

    /** The PDF files directly in {@code dir} (sorted), as mutation seeds. */
    static List<Path> pdfsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
