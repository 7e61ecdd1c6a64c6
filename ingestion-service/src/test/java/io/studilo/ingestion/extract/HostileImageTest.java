package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.studilo.ingestion.document.DocumentKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images whose header declares an absurd size are refused before any pixel is decoded. */
class HostileImageTest {

    private static Extractors.Stack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stack = Extractors.stack(1);
    }

    @AfterAll
    static void stop() {
        Extractors.shutdown(stack);
    }

    /** Two billion pixels wide: the PNG decoder allocates a row buffer of that size (OutOfMemoryError). */
    @Test
    void aPngTwoBillionPixelsWideIsRefusedWithAReason() throws IOException {
        Path file = Files.write(dir.resolve("wide.png"), png(2_000_000_000, 1, 64));
        assertThatThrownBy(() -> extract(DocumentKind.PNG, file))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("too large");
    }

    /** A valid 30,000 x 30,000 PNG of zeros: 900 MB of pixels in under a megabyte. */
    @Test
    void aPngDecompressionBombIsRefusedBeforeDecoding() throws IOException {
        Path file = Files.write(dir.resolve("bomb.png"), png(30_000, 30_000, 30_001L * 30_000));
        long start = System.nanoTime();
        assertThatThrownBy(() -> extract(DocumentKind.PNG, file))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("too large");
        // Decoding it (even subsampled) inflates 900 MB; refusing it reads only the header.
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
    }

    @Test
    void aSmallImageIsStillRead() throws IOException {
        Path file = Files.write(dir.resolve("ok.png"), png(40, 40, 41L * 40));
        Extraction extraction = extract(DocumentKind.PNG, file);
        assertThat(extraction.pages()).hasSize(1);
    }

    /** A TIFF whose only frame says the next frame is itself: the JDK's reader counted it forever. */
    @Test
    void aTiffWhoseFrameChainLoopsIsCountedOnceAtUploadAndInTheWorker() throws IOException {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 9 * 12 + 4 + 64).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) 9);
        int[][] entries = {
            {256, 4, 8},
            {257, 4, 8},
            {258, 3, 8},
            {259, 3, 1},
            {262, 3, 1},
            {273, 4, 122},
            {277, 3, 1},
            {278, 4, 8},
            {279, 4, 64}
        };
        for (int[] e : entries) {
            tiff.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
            if (e[1] == 3) {
                tiff.putShort((short) e[2]).putShort((short) 0);
            } else {
                tiff.putInt(e[2]);
            }
        }
        tiff.putInt(8); // the next frame is this one again
        Path file = Files.write(dir.resolve("loop.tif"), tiff.array());
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(PageCounter.declaredPages(DocumentKind.TIFF, file)).hasValue(1);
            assertThat(extract(DocumentKind.TIFF, file).pages()).hasSize(1);
        });
    }

    private Extraction extract(DocumentKind kind, Path file) {
        return stack.extractor()
                .extract(kind, file, ExtractionListener.NONE, Instant.now().plusSeconds(120));
    }

    /** An 8-bit gray PNG header for {@code width} x {@code height} and {@code dataBytes} deflated zero bytes. */
    private static byte[] png(int width, int height, long dataBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8)
                        .array());
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        try (DeflaterOutputStream z = new DeflaterOutputStream(deflated, new Deflater(1))) {
            for (long left = dataBytes; left > 0; left -= block.length) {
                z.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        chunk(out, "IDAT", deflated.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
