package io.studilo.ingestion.extract;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.studilo.ingestion.IngestionProperties;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** The extraction stack built by hand (no Spring context) for OCR tests and benchmarks. */
public final class Extractors {

    private Extractors() {}

    public static IngestionProperties properties(int pageThreads) {
        return properties(
                pageThreads, System.getenv().getOrDefault("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata"));
    }

    public static IngestionProperties properties(int pageThreads, String tessdata) {
        return new IngestionProperties(
                new IngestionProperties.Upload(DataSize.ofMegabytes(50), 2000, 200, 1000, 20),
                new IngestionProperties.Storage("http://127.0.0.1:9000", "a", "b", "bucket", "us-east-1"),
                new IngestionProperties.Messaging(
                        "x",
                        "q",
                        "dlq",
                        4,
                        Duration.ofSeconds(1),
                        2.0,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(500),
                        50,
                        Duration.ofSeconds(5),
                        null),
                new IngestionProperties.Worker(
                        1,
                        50,
                        pageThreads,
                        Duration.ofMinutes(30),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(1),
                        300,
                        40_000_000L,
                        100_000_000L,
                        tessdata,
                        "eng",
                        20,
                        0.3,
                        10,
                        3000),
                new IngestionProperties.Chunking(300, 50, 32),
                new IngestionProperties.Progress(Duration.ofMillis(500), Duration.ofMinutes(30)));
    }

    /** An extractor and the OCR engine behind it (close the engine with {@link #shutdown}). */
    public record Stack(Extractor extractor, OcrEngine ocr, PhaseTimers timers) {}

    public static Stack stack(int pageThreads) {
        IngestionProperties properties = properties(pageThreads);
        PhaseTimers timers = new PhaseTimers(new SimpleMeterRegistry());
        OcrEngine ocr = new OcrEngine(properties, timers);
        Extractor extractor = new Extractor(
                new PdfExtractor(ocr, properties, timers),
                new ImageExtractor(ocr, properties),
                new TextExtractor(properties),
                timers);
        return new Stack(extractor, ocr, timers);
    }

    public static void shutdown(Stack stack) {
        try {
            stack.ocr().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
