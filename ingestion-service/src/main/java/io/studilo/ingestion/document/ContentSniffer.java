package io.studilo.ingestion.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells a supported document from anything else by its bytes: PDF, PNG, JPEG and TIFF by their magic numbers;
 * plain text and Markdown are valid UTF-8 without NUL or other binary control bytes (Markdown when named {@code .md} or when it has
 * Markdown headings). The name and the declared content type are never trusted.
 */
final class ContentSniffer {

    /** PDF readers accept junk before the header; so do we, within the first kilobyte. */
    private static final int PDF_HEADER_WINDOW = 1024;

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, 42};
    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("(?m)^#{1,6}[ \\t]+\\S");

    private ContentSniffer() {}

    /** Reads the whole stream (text must be valid throughout); empty when the content is not supported. */
    static Optional<DocumentKind> detect(InputStream in, String fileName) throws IOException {
        byte[] head = in.readNBytes(PDF_HEADER_WINDOW);
        if (head.length == 0) {
            return Optional.empty();
        }
        if (startsWith(head, PNG)) {
            return Optional.of(DocumentKind.PNG);
        }
        if (startsWith(head, JPEG)) {
            return Optional.of(DocumentKind.JPEG);
        }
        if (startsWith(head, TIFF_LE) || startsWith(head, TIFF_BE)) {
            return Optional.of(DocumentKind.TIFF);
        }
        if (indexOf(head, PDF) >= 0) {
            return Optional.of(DocumentKind.PDF);
        }
        return textKind(head, in, fileName);
    }

    private static Optional<DocumentKind> textKind(byte[] head, InputStream rest, String fileName) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // Markdown headings are looked for in the first 64 KiB only: enough for any real outline.
        StringBuilder sample = new StringBuilder();
        char[] buffer = new char[8192];
        try (Reader reader =
                new InputStreamReader(new SequenceInputStream(new ByteArrayInputStream(head), rest), decoder)) {
            for (int n; (n = reader.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (isBinaryControl(buffer[i])) {
                        return Optional.empty();
                    }
                }
                if (sample.length() < SAMPLE_CHARS) {
                    sample.append(buffer, 0, Math.min(n, SAMPLE_CHARS - sample.length()));
                }
            }
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        boolean markdown = name.endsWith(".md")
                || name.endsWith(".markdown")
                || MARKDOWN_HEADING.matcher(sample).find();
        return Optional.of(markdown ? DocumentKind.MARKDOWN : DocumentKind.TEXT);
    }

    /** NUL and the other C0 controls never occur in text, except tab, line feed, form feed and carriage return. */
    private static boolean isBinaryControl(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r';
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
