package io.studilo.ingestion.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

    private static Optional<DocumentKind> detect(byte[] bytes, String name) throws IOException {
        return ContentSniffer.detect(new ByteArrayInputStream(bytes), name);
    }

    @Test
    void recognisesBinaryFormatsByMagicBytesNotByName() throws IOException {
        assertThat(detect("%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII), "x.png"))
                .contains(DocumentKind.PDF);
        assertThat(detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0}, "x.pdf"))
                .contains(DocumentKind.PNG);
        assertThat(detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, "x"))
                .contains(DocumentKind.JPEG);
        assertThat(detect(new byte[] {'I', 'I', 42, 0, 8, 0}, "x")).contains(DocumentKind.TIFF);
        assertThat(detect(new byte[] {'M', 'M', 0, 42, 0, 8}, "x")).contains(DocumentKind.TIFF);
    }

    @Test
    void acceptsJunkBeforeThePdfHeader() throws IOException {
        assertThat(detect("garbage\n\n%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), "x"))
                .contains(DocumentKind.PDF);
    }

    @Test
    void textIsValidUtf8WithoutNulAndMarkdownByNameOrHeadings() throws IOException {
        assertThat(detect("plain notes, über".getBytes(StandardCharsets.UTF_8), "notes.txt"))
                .contains(DocumentKind.TEXT);
        assertThat(detect("plain notes".getBytes(StandardCharsets.UTF_8), "notes.md"))
                .contains(DocumentKind.MARKDOWN);
        assertThat(detect("intro\n## Kepler\ntext".getBytes(StandardCharsets.UTF_8), "notes"))
                .contains(DocumentKind.MARKDOWN);
        assertThat(detect("#hashtag is not a heading".getBytes(StandardCharsets.UTF_8), "n"))
                .contains(DocumentKind.TEXT);
    }

    @Test
    void rejectsEmptyBinaryInvalidUtf8AndNul() throws IOException {
        assertThat(detect(new byte[0], "x.txt")).isEmpty();
        assertThat(detect(new byte[] {'P', 'K', 3, 4}, "x.txt")).isEmpty();
        assertThat(detect("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "x.txt"))
                .isEmpty();
        assertThat(detect("a\0b".getBytes(StandardCharsets.UTF_8), "x.txt")).isEmpty();
    }
}
