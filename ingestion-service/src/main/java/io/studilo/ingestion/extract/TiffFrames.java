package io.studilo.ingestion.extract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts a TIFF's frames by walking its chain of image file directories, stopping at a loop, at an offset
 * outside the file or after {@code limit} frames. The JDK's TIFF reader follows a chain that points back at
 * itself forever ({@code getNumImages(true)} never returns), so the count never comes from it.
 */
final class TiffFrames {

    private TiffFrames() {}

    /** The number of distinct frames, at most {@code limit + 1} (more means "over the limit"). */
    static int count(Path file, int limit) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer header = read(in, 0, 8);
            if (header == null) {
                return 0;
            }
            ByteOrder order = header.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            long offset = Integer.toUnsignedLong(header.order(order).getInt(4));
            Set<Long> seen = new HashSet<>();
            int frames = 0;
            while (offset >= 8 && offset + 2 <= size && frames <= limit && seen.add(offset)) {
                ByteBuffer entries = read(in, offset, 2);
                if (entries == null) {
                    break;
                }
                int n = Short.toUnsignedInt(entries.order(order).getShort(0));
                ByteBuffer next = read(in, offset + 2 + 12L * n, 4);
                frames++;
                if (next == null) {
                    break;
                }
                offset = Integer.toUnsignedLong(next.order(order).getInt(0));
            }
            return frames;
        }
    }

    private static ByteBuffer read(FileChannel in, long at, int length) throws IOException {
        if (at + length > in.size()) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer, at + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer;
    }
}
