package io.studilo.bench.ingestion;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** JPEG files with a patched frame header or a colour model the JDK's reader refuses. */
final class Jpegs {

    private Jpegs() {}

    /** A small real JPEG whose SOF header is rewritten to declare {@code width} x {@code height}. */
    static byte[] hugeDeclared(int width, int height, boolean progressive) {
        byte[] b = HostileInputs.jpeg(HostileInputs.textImage(64, 64), progressive);
        for (int i = 2; i + 9 < b.length; i++) {
            int marker = b[i + 1] & 0xFF;
            if ((b[i] & 0xFF) == 0xFF && (marker == 0xC0 || marker == 0xC2)) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
        }
        throw new IllegalStateException("no SOF marker");
    }

    /** A four-channel (CMYK-like, no Adobe marker) JPEG written from a raster. */
    static byte[] cmyk(BufferedImage gray) {
        WritableRaster raster = Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, gray.getWidth(), gray.getHeight(), 4, null);
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                int k = 255 - gray.getRaster().getSample(x, y, 0);
                raster.setPixel(x, y, new int[] {0, 0, 0, k});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
