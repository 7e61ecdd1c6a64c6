package io.studilo.bench.ingestion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a PDF object by object, byte for byte, with a correct xref table unless told otherwise: the hostile
 * structures (self-referencing object streams, deep nesting, absurd boxes) cannot be made through PDFBox.
 */
final class RawPdf {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> offsets = new ArrayList<>();
    private String trailerExtra = "";

    RawPdf(String version) {
        ascii("%PDF-" + version + "\n%\u00e2\u00e3\u00cf\u00d3\n");
    }

    /** Appends object {@code offsets.size() + 1}; objects must be added in number order starting at 1. */
    RawPdf object(String body) {
        offsets.add(out.size());
        ascii(offsets.size() + " 0 obj\n" + body + "\nendobj\n");
        return this;
    }

    RawPdf stream(String dictionary, byte[] data) {
        offsets.add(out.size());
        ascii(offsets.size() + " 0 obj\n<< " + dictionary + " /Length " + data.length + " >>\nstream\n");
        out.writeBytes(data);
        ascii("\nendstream\nendobj\n");
        return this;
    }

    RawPdf flateStream(String dictionary, byte[] data) {
        return stream(dictionary + " /Filter /FlateDecode", deflate(data));
    }

    RawPdf trailerExtra(String extra) {
        this.trailerExtra = extra;
        return this;
    }

    int size() {
        return out.size();
    }

    /** Appends the xref table, trailer (root object 1) and startxref. */
    byte[] finish() {
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ")
                .append(offsets.size() + 1)
                .append(" /Root 1 0 R ")
                .append(trailerExtra)
                .append(">>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        ascii(table.toString());
        return out.toByteArray();
    }

    /** The body without any xref, trailer or startxref: PDFBox must reconstruct it by scanning. */
    byte[] finishWithoutXref() {
        ascii("%%EOF\n");
        return out.toByteArray();
    }

    private void ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static byte[] deflate(byte[] data) {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(deflated, new Deflater(9))) {
            z.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return deflated.toByteArray();
    }

    /** {@code n} zero bytes, deflated without ever holding them: a decompression bomb's payload. */
    static byte[] deflateZeros(long n) {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        try (DeflaterOutputStream z = new DeflaterOutputStream(deflated, new Deflater(9))) {
            for (long left = n; left > 0; left -= block.length) {
                z.write(block, 0, (int) Math.min(block.length, left));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return deflated.toByteArray();
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A one-page PDF whose page dictionary has {@code pageExtra} and whose content stream is {@code content}. */
    static byte[] onePage(String pageExtra, String content) {
        return new RawPdf("1.4")
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> " + pageExtra + " >>")
                .flateStream("", latin1(content))
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .finish();
    }

    /** A content stream that writes {@code lines} lines of Helvetica text. */
    static String textContent(List<String> lines) {
        StringBuilder s = new StringBuilder("BT /F1 11 Tf 72 720 Td 14 TL\n");
        for (String line : lines) {
            s.append('(')
                    .append(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
                    .append(") '\n");
        }
        return s.append("ET\n").toString();
    }
}
