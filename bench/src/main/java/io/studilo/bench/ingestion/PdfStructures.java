package io.studilo.bench.ingestion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hand-made PDFs whose object structure is hostile: loops, self references, depth, absurd counts and sizes. */
final class PdfStructures {

    private PdfStructures() {}

    private static final String TEXT = RawPdf.textContent(List.of(HostileInputs.lorem()));

    /** A cross-reference stream that lists itself as compressed inside itself. */
    static byte[] selfReferencingXrefStream() {
        RawPdf pdf = new RawPdf("1.5")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>")
                .flateStream("", RawPdf.latin1(TEXT))
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        int xrefAt = pdf.size();
        // Entries: type 2 (compressed) in object stream 6, i.e. in the xref stream itself, for every object.
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        for (int i = 0; i < 7; i++) {
            rows.writeBytes(new byte[] {2, 0, 6, (byte) i});
        }
        pdf.stream("/Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R", rows.toByteArray());
        byte[] body = pdf.finishWithoutXref();
        String tail = "startxref\n" + xrefAt + "\n%%EOF\n";
        return concat(body, tail.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** An object stream (object 6) that says it contains object 6 and object 3 (the page). */
    static byte[] objectStreamContainingItself() {
        String inner = "6 0 3 30 ";
        String objects = "<< /Type /ObjStm /N 2 /First " + inner.length() + " >>      "
                + "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>";
        return objStmPdf("/Type /ObjStm /N 2 /First " + inner.length(), inner + objects);
    }

    /** An object stream whose /Extends is itself. */
    static byte[] objectStreamExtendsLoop() {
        String inner = "3 0 ";
        String objects = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>";
        return objStmPdf("/Type /ObjStm /N 1 /Extends 6 0 R /First " + inner.length(), inner + objects);
    }

    private static byte[] objStmPdf(String dictionary, String content) {
        RawPdf pdf = new RawPdf("1.5")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("null")
                .flateStream("", RawPdf.latin1(TEXT))
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .flateStream(dictionary, RawPdf.latin1(content));
        // A classic table that still says object 3 is in use at its (null) offset; PDFBox may prefer the stream.
        return pdf.finish();
    }

    static byte[] pageTreeLoop() {
        return new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>")
                .flateStream("", RawPdf.latin1(TEXT))
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .finish();
    }

    static byte[] selfDrawingForm() {
        return new RawPdf("1.4")
                        .object("<< /Type /Catalog /Pages 2 0 R >>")
                        .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                        .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                + "/Resources << /XObject << /X 5 0 R >> >> >>")
                        .flateStream("", RawPdf.latin1("/X Do"))
                        .stream(
                                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X 5 0 R >> >>",
                                RawPdf.latin1("0 0 m 10 10 l S /X Do"))
                        .finish();
    }

    static byte[] mutuallyDrawingForms() {
        return new RawPdf("1.4")
                        .object("<< /Type /Catalog /Pages 2 0 R >>")
                        .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                        .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                + "/Resources << /XObject << /A 5 0 R >> >> >>")
                        .flateStream("", RawPdf.latin1("/A Do"))
                        .stream(
                                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /B 6 0 R >> >>",
                                RawPdf.latin1("/B Do"))
                        .stream(
                                "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /A 5 0 R >> >>",
                                RawPdf.latin1("/A Do"))
                        .finish();
    }

    /** Forms nested {@code depth} deep (each draws the next): a legitimate but absurd recursion depth. */
    static byte[] nestedForms(int depth) {
        RawPdf pdf = new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /XObject << /X 5 0 R >> >> >>")
                .flateStream("", RawPdf.latin1("/X Do"));
        for (int i = 0; i < depth; i++) {
            int next = 6 + i;
            String resources = i + 1 < depth ? "/Resources << /XObject << /X " + next + " 0 R >> >>" : "";
            pdf.stream(
                    "/Type /XObject /Subtype /Form /BBox [0 0 612 792] " + resources,
                    RawPdf.latin1(i + 1 < depth ? "/X Do" : "0 0 m 10 10 l S"));
        }
        return pdf.finish();
    }

    static byte[] selfDrawingType3() {
        return new RawPdf("1.4")
                        .object("<< /Type /Catalog /Pages 2 0 R >>")
                        .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                        .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                + "/Resources << /Font << /T3 5 0 R >> >> >>")
                        .flateStream("", RawPdf.latin1("BT /T3 12 Tf 72 700 Td (aaaa) Tj ET"))
                        .object(
                                "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
                                        + "/CharProcs << /a 6 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 "
                                        + "/Widths [1000] /Resources << /Font << /T3 5 0 R >> >> >>")
                        .stream("", RawPdf.latin1("1000 0 d0 BT /T3 12 Tf (a) Tj ET"))
                        .finish();
    }

    static byte[] lengthSelfReference() {
        String body = TEXT;
        return new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>")
                .object("<< /Length 4 0 R >>\nstream\n" + body + "\nendstream")
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .finish();
    }

    static byte[] wrongLength() {
        return new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>")
                .object("<< /Length 999999999 >>\nstream\n" + TEXT + "\nendstream")
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .finish();
    }

    static byte[] unknownFilter() {
        return new RawPdf("1.4")
                        .object("<< /Type /Catalog /Pages 2 0 R >>")
                        .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                        .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                + "/Resources << /Font << /F1 5 0 R >> >> >>")
                        .stream("/Filter /NoSuchDecode", RawPdf.latin1(TEXT))
                        .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                        .finish();
    }

    static byte[] longFilterChain() {
        byte[] data = RawPdf.latin1(TEXT);
        StringBuilder filters = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            data = RawPdf.deflate(data);
            filters.append("/FlateDecode ");
        }
        return new RawPdf("1.4")
                        .object("<< /Type /Catalog /Pages 2 0 R >>")
                        .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                        .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                + "/Resources << /Font << /F1 5 0 R >> >> >>")
                        .stream("/Filter " + filters + "]", data)
                        .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                        .finish();
    }

    /** Outline items 6..1005, each the child of the previous, and the last one's sibling is the first. */
    static byte[] outlineLoop() {
        RawPdf pdf = new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>")
                .flateStream("", RawPdf.latin1(TEXT))
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .object("<< /Type /Outlines /First 7 0 R /Last 7 0 R >>");
        int n = 1000;
        for (int i = 0; i < n; i++) {
            int self = 7 + i;
            String child = i + 1 < n ? "/First " + (self + 1) + " 0 R /Last " + (self + 1) + " 0 R " : "";
            String next = i + 1 == n ? "/Next 7 0 R " : "";
            pdf.object("<< /Title (Part " + i + ") /Parent " + (self - 1) + " 0 R /Dest [3 0 R /Fit] " + child + next
                    + ">>");
        }
        return pdf.finish();
    }

    static byte[] contentIsNumber() {
        return new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 42 >>")
                .finish();
    }

    /** A chain of {@code depth} /Pages nodes with one page at the bottom. */
    static byte[] deepPageTree(int depth) {
        RawPdf pdf = new RawPdf("1.4").object("<< /Type /Catalog /Pages 2 0 R >>");
        for (int i = 0; i < depth; i++) {
            int self = 2 + i;
            String parent = i == 0 ? "" : "/Parent " + (self - 1) + " 0 R ";
            pdf.object("<< /Type /Pages /Kids [" + (self + 1) + " 0 R] /Count 1 " + parent + ">>");
        }
        int page = 2 + depth;
        pdf.object("<< /Type /Page /Parent " + (page - 1) + " 0 R /MediaBox [0 0 612 792] /Contents " + (page + 1)
                + " 0 R /Resources << /Font << /F1 " + (page + 2) + " 0 R >> >> >>");
        pdf.flateStream("", RawPdf.latin1(TEXT));
        pdf.object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        return pdf.finish();
    }

    static byte[] wrongCount(String count) {
        return new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count " + count + " >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>")
                .flateStream("", RawPdf.latin1(TEXT))
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .finish();
    }

    /** {@code n} pages sharing one content stream (empty when {@code content} is). */
    static byte[] flatPages(int n, String content) {
        RawPdf pdf = new RawPdf("1.4").object("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < n; i++) {
            kids.append(5 + i).append(" 0 R ");
        }
        pdf.object("<< /Type /Pages /Kids [" + kids + "] /Count " + n + " >>");
        pdf.flateStream("", RawPdf.latin1(content));
        pdf.object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        for (int i = 0; i < n; i++) {
            pdf.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                    + "/Resources << /Font << /F1 4 0 R >> >> >>");
        }
        return pdf.finish();
    }

    static byte[] kidsAreNotPages() {
        return new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>")
                .object("42")
                .object("(a string)")
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .finish();
    }

    /** A page that only draws one image XObject over the whole page. */
    static byte[] imagePage(int width, int height, int bpc, String colorSpace, byte[] data, String filter) {
        return imagePageStored(width, height, bpc, colorSpace, data, filter);
    }

    /** As {@link #imagePage} with {@code stored} already encoded as {@code filter} says. */
    static byte[] imagePageStored(int width, int height, int bpc, String colorSpace, byte[] stored, String filter) {
        return new RawPdf("1.4")
                        .object("<< /Type /Catalog /Pages 2 0 R >>")
                        .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                        .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                + "/Resources << /XObject << /Im 5 0 R >> >> >>")
                        .flateStream("", RawPdf.latin1("q 612 0 0 792 0 0 cm /Im Do Q"))
                        .stream(
                                "/Type /XObject /Subtype /Image /Width " + width + " /Height " + height
                                        + " /BitsPerComponent " + bpc + " /ColorSpace " + colorSpace + " " + filter,
                                stored)
                        .finish();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
