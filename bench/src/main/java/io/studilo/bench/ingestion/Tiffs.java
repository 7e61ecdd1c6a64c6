package io.studilo.bench.ingestion;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian TIFF files written IFD by IFD: absurd sizes, unknown compression, IFD loops and chains. */
final class Tiffs {

    private Tiffs() {}

    /** One IFD declaring {@code width} x {@code height} with one tiny strip of data. */
    static byte[] declared(int width, int height, int compression, int bitsPerSample) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(8);
        ifd(b, width, height, compression, bitsPerSample, 1024, 64, 0);
        return java.util.Arrays.copyOf(b.array(), 1024 + 64);
    }

    /** An IFD whose next-IFD offset points back at itself. */
    static byte[] ifdLoop() {
        ByteBuffer b = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(8);
        ifd(b, 8, 8, 1, 8, 1024, 64, 8);
        return java.util.Arrays.copyOf(b.array(), 1024 + 64);
    }

    /** {@code n} IFDs of 8x8 pixels each, chained, sharing one strip. */
    static byte[] chain(int n) {
        int ifdSize = 2 + 9 * 12 + 4;
        int data = 8 + n * ifdSize;
        ByteBuffer b = ByteBuffer.allocate(data + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(8);
        for (int i = 0; i < n; i++) {
            int next = i + 1 < n ? 8 + (i + 1) * ifdSize : 0;
            ifd(b, 8, 8, 1, 8, data, 64, next);
        }
        return b.array();
    }

    private static void ifd(
            ByteBuffer b, int width, int height, int compression, int bps, int stripAt, int stripBytes, int next) {
        b.putShort((short) 9);
        entry(b, 256, 4, width); // ImageWidth (LONG)
        entry(b, 257, 4, height); // ImageLength
        entry(b, 258, 3, bps); // BitsPerSample (SHORT)
        entry(b, 259, 3, compression); // Compression
        entry(b, 262, 3, 1); // Photometric: black is zero
        entry(b, 273, 4, stripAt); // StripOffsets
        entry(b, 277, 3, 1); // SamplesPerPixel
        entry(b, 278, 4, height); // RowsPerStrip
        entry(b, 279, 4, stripBytes); // StripByteCounts
        b.putInt(next);
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
