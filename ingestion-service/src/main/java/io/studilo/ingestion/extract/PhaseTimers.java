package io.studilo.ingestion.extract;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Per-phase timings ({@code studilo.ingestion.phase{phase=download|extract|ocr|embed|index}}) and pages read by method
 * ({@code studilo.ingestion.pages{method=text|ocr}}; their rate is pages/s split text vs OCR).
 */
@Component
public class PhaseTimers {

    public static final String DOWNLOAD = "download";
    public static final String EXTRACT = "extract";
    public static final String OCR = "ocr";
    public static final String EMBED = "embed";
    public static final String INDEX = "index";

    private final Map<String, Timer> timers;
    private final Map<ReadMethod, Counter> pages;

    public PhaseTimers(MeterRegistry registry) {
        this.timers = Map.of(
                DOWNLOAD,
                timer(registry, DOWNLOAD),
                EXTRACT,
                timer(registry, EXTRACT),
                OCR,
                timer(registry, OCR),
                EMBED,
                timer(registry, EMBED),
                INDEX,
                timer(registry, INDEX));
        this.pages = Map.of(
                ReadMethod.TEXT, pageCounter(registry, "text"),
                ReadMethod.OCR, pageCounter(registry, "ocr"));
    }

    public void record(String phase, long nanos) {
        timers.get(phase).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void pageRead(ReadMethod method) {
        pages.get(method).increment();
    }

    private static Timer timer(MeterRegistry registry, String phase) {
        return Timer.builder("studilo.ingestion.phase")
                .description("Time spent per ingestion phase (per page for extract and OCR, per batch otherwise)")
                .tag("phase", phase)
                .register(registry);
    }

    private static Counter pageCounter(MeterRegistry registry, String method) {
        return Counter.builder("studilo.ingestion.pages")
                .description("Pages read, by how they were read")
                .tag("method", method)
                .register(registry);
    }
}
