package io.studilo.ingestion.extract;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.studilo.ingestion.IngestionProperties;
import jakarta.annotation.PreDestroy;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.TessAPI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tesseract OCR through Tess4J's direct C API binding. Pages are recognised in parallel on a bounded pool; each
 * pool thread owns its own Tesseract instance (they are not thread-safe) and keeps it for its life, so the
 * language model loads once per thread, not once per page. Tesseract itself should run single-threaded
 * ({@code OMP_THREAD_LIMIT=1} in the environment): parallelism across pages is far cheaper than inside one.
 *
 * <p>The native library and the language data are checked when the service starts, so a missing install is a
 * clear startup error rather than a failure in the middle of a job.
 */
@Component
public class OcrEngine {

    private static final Logger log = LoggerFactory.getLogger(OcrEngine.class);

    /** Below this mean confidence (0..100) a page may be rotated: its orientation is detected and retried. */
    private static final int ROTATION_CHECK_CONFIDENCE = 60;

    /** The text Tesseract read and its mean word confidence (0..100). */
    public record OcrResult(String text, int confidence, int rotation) {}

    private final String datapath;
    private final String language;
    private final ExecutorService pool;
    private final List<TessBaseAPI> handles = new CopyOnWriteArrayList<>();
    private final ThreadLocal<@Nullable TessBaseAPI> recogniser = new ThreadLocal<>();
    private final ThreadLocal<@Nullable TessBaseAPI> orientation = new ThreadLocal<>();
    private final ThreadLocal<@Nullable ByteBuffer> buffer = new ThreadLocal<>();
    private final boolean osdAvailable;

    private final PhaseTimers timers;

    OcrEngine(IngestionProperties properties, PhaseTimers timers) {
        this.timers = timers;
        IngestionProperties.Worker worker = properties.worker();
        this.datapath = worker.tessdata();
        this.language = worker.language();
        checkInstalled();
        this.osdAvailable = Files.exists(Path.of(datapath, "osd.traineddata"));
        if (!osdAvailable) {
            log.warn("osd.traineddata not found in {}: rotated scans will not be straightened", datapath);
        }
        if (!"1".equals(System.getenv("OMP_THREAD_LIMIT"))) {
            log.warn("OMP_THREAD_LIMIT is not 1: Tesseract will use several threads per page, which is slower when "
                    + "pages are already recognised in parallel (./studilo up sets it)");
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(worker.pageThreads(), r -> {
            Thread t = new Thread(r, "ocr-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Tess4J's interface binding, which resolves C functions lazily (its direct binding wants symbols Tesseract
     * 5.3 lacks). Held in a nested class so a missing library surfaces in {@link #checkInstalled()}.
     */
    private static final class Lib {
        static final TessAPI API = TessAPI.INSTANCE;
    }

    private void checkInstalled() {
        Path traineddata = Path.of(datapath, language + ".traineddata");
        if (!Files.isRegularFile(traineddata)) {
            throw new IllegalStateException("Tesseract language data " + traineddata + " is missing. Install it "
                    + "(apt-get install tesseract-ocr tesseract-ocr-" + language + ") or set TESSDATA_PREFIX / "
                    + "studilo.ingestion.worker.tessdata to the tessdata directory.");
        }
        TessBaseAPI probe;
        try {
            probe = Lib.API.TessBaseAPICreate();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new IllegalStateException(
                    "The Tesseract native library (libtesseract 5) could not be loaded. "
                            + "Install it: apt-get install tesseract-ocr tesseract-ocr-" + language,
                    e);
        }
        try {
            if (Lib.API.TessBaseAPIInit3(probe, datapath, language) != 0) {
                throw new IllegalStateException(
                        "Tesseract could not load language '" + language + "' from " + datapath);
            }
        } finally {
            Lib.API.TessBaseAPIEnd(probe);
            Lib.API.TessBaseAPIDelete(probe);
        }
    }

    /** Queues a page image for recognition on the OCR pool; {@code whenDone} runs after it, success or not. */
    public Future<OcrResult> submit(BufferedImage image, int dpi, Runnable whenDone) {
        return pool.submit(() -> {
            try {
                return recognise(image, dpi);
            } finally {
                whenDone.run();
            }
        });
    }

    /** Recognises a page image on the calling thread (the pool's threads, or a benchmark's). */
    public OcrResult recognise(BufferedImage image, int dpi) {
        long start = System.nanoTime();
        try {
            return recogniseUpright(image, dpi);
        } finally {
            timers.record(PhaseTimers.OCR, System.nanoTime() - start);
        }
    }

    private OcrResult recogniseUpright(BufferedImage image, int dpi) {
        BufferedImage gray = toGray(image);
        Read first = read(handle(recogniser, language), gray, dpi);
        if (first.confidence() >= ROTATION_CHECK_CONFIDENCE || !osdAvailable) {
            return new OcrResult(first.text(), first.confidence(), 0);
        }
        int rotation = detectRotation(gray, dpi);
        if (rotation == 0) {
            return new OcrResult(first.text(), first.confidence(), 0);
        }
        Read turned = read(handle(recogniser, language), rotate(gray, rotation), dpi);
        return turned.confidence() > first.confidence()
                ? new OcrResult(turned.text(), turned.confidence(), rotation)
                : new OcrResult(first.text(), first.confidence(), 0);
    }

    private record Read(String text, int confidence) {}

    private Read read(TessBaseAPI api, BufferedImage gray, int dpi) {
        Lib.API.TessBaseAPISetPageSegMode(api, TessPageSegMode.PSM_AUTO);
        setImage(api, gray, dpi);
        Pointer utf8 = Lib.API.TessBaseAPIGetUTF8Text(api);
        String text = "";
        if (utf8 != null) {
            text = OcrText.mendDashes(utf8.getString(0, "UTF-8"));
            Lib.API.TessDeleteText(utf8);
        }
        int confidence = Lib.API.TessBaseAPIMeanTextConf(api);
        Lib.API.TessBaseAPIClear(api);
        return new Read(text, confidence);
    }

    /** Degrees clockwise the image must be turned to be upright (0, 90, 180 or 270). */
    private int detectRotation(BufferedImage gray, int dpi) {
        TessBaseAPI osd = handle(orientation, "osd");
        Lib.API.TessBaseAPISetPageSegMode(osd, TessPageSegMode.PSM_OSD_ONLY);
        setImage(osd, gray, dpi);
        IntBuffer degrees = IntBuffer.allocate(1);
        FloatBuffer confidence = FloatBuffer.allocate(1);
        PointerByReference script = new PointerByReference();
        FloatBuffer scriptConfidence = FloatBuffer.allocate(1);
        int ok = Lib.API.TessBaseAPIDetectOrientationScript(osd, degrees, confidence, script, scriptConfidence);
        Lib.API.TessBaseAPIClear(osd);
        if (ok == 0 || confidence.get(0) < 1.0f) {
            return 0;
        }
        // Tesseract reports the page's orientation (counter-clockwise); turning it back is the opposite way.
        return (360 - degrees.get(0)) % 360;
    }

    private void setImage(TessBaseAPI api, BufferedImage gray, int dpi) {
        int width = gray.getWidth();
        int height = gray.getHeight();
        byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        ByteBuffer direct = buffer.get();
        if (direct == null || direct.capacity() < pixels.length) {
            direct = ByteBuffer.allocateDirect(pixels.length);
            buffer.set(direct);
        }
        direct.clear();
        direct.put(pixels, 0, width * height);
        direct.flip();
        Lib.API.TessBaseAPISetImage(api, direct, width, height, 1, width);
        Lib.API.TessBaseAPISetSourceResolution(api, dpi);
    }

    private TessBaseAPI handle(ThreadLocal<@Nullable TessBaseAPI> holder, String lang) {
        TessBaseAPI api = holder.get();
        if (api == null) {
            api = Lib.API.TessBaseAPICreate();
            if (Lib.API.TessBaseAPIInit3(api, datapath, lang) != 0) {
                Lib.API.TessBaseAPIDelete(api);
                throw new IllegalStateException("Tesseract could not load language '" + lang + "'");
            }
            holder.set(api);
            handles.add(api);
        }
        return api;
    }

    /** A tightly packed 8-bit gray copy (what Tesseract is given), unless the image already is one. */
    static BufferedImage toGray(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
                && image.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getData().length == image.getWidth() * image.getHeight()
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0) {
            return image;
        }
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var g = gray.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return gray;
    }

    /** Turns an 8-bit gray image clockwise by 90, 180 or 270 degrees. */
    static BufferedImage rotate(BufferedImage gray, int degrees) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        byte[] src = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        boolean swap = degrees == 90 || degrees == 270;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int ow = out.getWidth();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = src[y * w + x];
                switch (degrees) {
                    case 90 -> dst[x * ow + (h - 1 - y)] = v;
                    case 180 -> dst[(h - 1 - y) * ow + (w - 1 - x)] = v;
                    case 270 -> dst[(w - 1 - x) * ow + y] = v;
                    default -> dst[y * ow + x] = v;
                }
            }
        }
        return out;
    }

    @PreDestroy
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        for (TessBaseAPI api : handles) {
            Lib.API.TessBaseAPIEnd(api);
            Lib.API.TessBaseAPIDelete(api);
        }
        handles.clear();
    }
}
