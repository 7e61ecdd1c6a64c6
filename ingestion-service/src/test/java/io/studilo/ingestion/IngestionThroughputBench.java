package io.studilo.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.ingestion.document.DocumentKind;
import io.studilo.ingestion.extract.ExtractionListener;
import io.studilo.ingestion.extract.Extractors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The ingestion benchmarks (bench/ingestion/run.sh; never run by the build: the name matches neither *Test nor
 * *IT). Figures go to target/bench/ingestion.txt:
 *
 * <ol>
 *   <li>end-to-end pages/s for the shared PDFs (upload → READY through HTTP, S3, outbox, RabbitMQ, worker) vs.
 *       bare PDFBox extraction + embedding of the same pages in the same JVM;
 *   <li>OCR pages/s of the worker's extractor on a scanned PDF vs. the bare {@code tesseract} CLI on the same
 *       pages (pre-rendered at 300 dpi) with the same number of parallel processes, OMP_THREAD_LIMIT=1;
 *   <li>peak heap of the worker pipeline on a generated 500-page PDF in a child JVM with -Xmx512m.
 * </ol>
 */
class IngestionThroughputBench extends IngestionItSupport {

    /** Quicker runs while iterating: {@code -Dbench.rounds=2 -Dbench.warmup=2 -Dbench.parts=e2e} (parts: e2e, ocr, heap). */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);

    /** Unmeasured rounds first: the JIT compiler otherwise spends more CPU in the first rounds than the pipeline. */
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup", 5);

    private static final List<String> PARTS =
            List.of(System.getProperty("bench.parts", "e2e,ocr,heap").split(","));

    private static final int OCR_THREADS = 2;

    static {
        // The two bench clients upload the same notes round after round: the per-student limits would stop them.
        System.setProperty(STUDENT_LIMITS, "1000000");
    }

    @Autowired
    EmbeddingModel embeddings;

    @Autowired
    MeterRegistry meters;

    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        if (PARTS.contains("e2e")) {
            endToEndVersusBare();
        }
        if (PARTS.contains("ocr")) {
            ocrVersusCli();
        }
        if (PARTS.contains("heap")) {
            heapFor500Pages();
        }
        Path out = Path.of("target", "bench", "ingestion.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        System.out.println(String.join("\n", report));
    }

    private void endToEndVersusBare() throws Exception {
        Path dir = Path.of(env("STUDILO_SHARED_DATA", "../../shared/data"), "pdfs");
        List<Path> pdfs;
        try (Stream<Path> list = Files.list(dir)) {
            pdfs = list.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        UUID user = UUID.randomUUID();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        // Warm-up: JIT, embedding model, Lucene writer, connections.
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            endToEnd(user, pdfs, clients);
            bare(pdfs);
        }
        Map<String, Double> before = phaseSeconds();
        Tally endToEnd = new Tally();
        Tally bareTally = new Tally();
        for (int round = 0; round < ROUNDS; round++) {
            // Alternate which path goes first, so neither always inherits the other's JIT and GC debt.
            if (round % 2 == 0) {
                endToEnd.add(() -> endToEnd(user, pdfs, clients));
                bareTally.add(() -> bare(pdfs));
            } else {
                bareTally.add(() -> bare(pdfs));
                endToEnd.add(() -> endToEnd(user, pdfs, clients));
            }
        }
        clients.shutdown();
        double e2eSeconds = endToEnd.seconds;
        int e2ePages = endToEnd.pages;
        double bareSeconds = bareTally.seconds;
        int barePages = bareTally.pages;
        Map<String, Double> after = phaseSeconds();
        StringBuilder phases = new StringBuilder();
        after.forEach((phase, seconds) -> phases.append(
                String.format(Locale.ROOT, " %s=%.1fs", phase, seconds - before.getOrDefault(phase, 0.0))));
        double e2e = e2ePages / e2eSeconds;
        double bare = barePages / bareSeconds;
        report.add(String.format(
                Locale.ROOT,
                "end-to-end: %d pages in %.1f s = %.2f pages/s; bare PDFBox+embed: %d pages in %.1f s = %.2f pages/s; "
                        + "ratio %.2f (target >= 0.8) [%d PDFs x %d rounds]",
                e2ePages,
                e2eSeconds,
                e2e,
                barePages,
                bareSeconds,
                bare,
                e2e / bare,
                pdfs.size(),
                ROUNDS));
        report.add("  worker time by phase during the end-to-end rounds:" + phases);
        report.add(String.format(
                Locale.ROOT,
                "  CPU: end-to-end %.1f s in this JVM (JIT compiler threads %.1f s) + %.1f s in S3Proxy (PostgreSQL and"
                        + " RabbitMQ not counted); bare %.1f s (JIT %.1f s); load average %.2f",
                endToEnd.cpu,
                endToEnd.jit,
                endToEnd.s3,
                bareTally.cpu,
                bareTally.jit,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        report.add("  CPU by thread, end-to-end: " + endToEnd.busiestThreads());
        report.add("  CPU by thread, bare: " + bareTally.busiestThreads());
    }

    /** Wall time, pages and CPU (this JVM, its JIT compiler threads, S3Proxy) of one path over the rounds. */
    private static final class Tally {
        double seconds;
        int pages;
        double cpu;
        double jit;
        double s3;
        final Map<String, Double> threads = new TreeMap<>();

        void add(Callable<Integer> path) throws Exception {
            Map<String, Double> threads0 = threadCpuSeconds();
            double cpu0 = processCpuSeconds();
            double jit0 = jitCompilerCpuSeconds();
            double s30 = S3ProxyServer.shared().cpuTime().toNanos() / 1e9;
            long start = System.nanoTime();
            pages += path.call();
            seconds += (System.nanoTime() - start) / 1e9;
            cpu += processCpuSeconds() - cpu0;
            jit += jitCompilerCpuSeconds() - jit0;
            s3 += S3ProxyServer.shared().cpuTime().toNanos() / 1e9 - s30;
            threadCpuSeconds()
                    .forEach((name, total) ->
                            threads.merge(name, total - threads0.getOrDefault(name, 0.0), Double::sum));
        }

        /** The threads that used the most CPU, e.g. "ingest-# 1.2s, pool-#-thread-# 0.9s". */
        String busiestThreads() {
            return threads.entrySet().stream()
                    .filter(e -> e.getValue() >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(10)
                    .map(e -> String.format(Locale.ROOT, "%s %.1fs", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** CPU time of this JVM's JIT compiler threads (Linux /proc; 0 elsewhere): still busy after the warm-up. */
    private static double jitCompilerCpuSeconds() {
        return threadCpuSeconds().entrySet().stream()
                .filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /**
     * CPU seconds of this JVM's live threads by name with digits dropped ("ingest-#", "pool-#-thread-#"),
     * from Linux /proc (empty elsewhere); native threads (ONNX Runtime's) count under their own names.
     */
    private static Map<String, Double> threadCpuSeconds() {
        Map<String, Double> seconds = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                    seconds.merge(name, ticks / 100.0, Double::sum); // clock ticks (USER_HZ = 100)
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return seconds;
    }

    /** Two clients upload the PDFs, then wait for each to be READY; returns the pages ingested. */
    private int endToEnd(UUID user, List<Path> pdfs, ExecutorService clients) throws Exception {
        List<Future<UUID>> uploads = new ArrayList<>();
        for (Path pdf : pdfs) {
            byte[] content = Files.readAllBytes(pdf);
            uploads.add(clients.submit(() -> uploaded(user, pdf.getFileName().toString(), content)));
        }
        List<UUID> ids = new ArrayList<>();
        for (Future<UUID> upload : uploads) {
            ids.add(upload.get());
        }
        int pages = 0;
        for (UUID id : ids) {
            pages += awaitReady(user, id).get("pageCount").asInt();
        }
        return pages;
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private Map<String, Double> phaseSeconds() {
        Map<String, Double> seconds = new TreeMap<>();
        for (Timer timer : meters.find("studilo.ingestion.phase").timers()) {
            seconds.put(timer.getId().getTag("phase"), timer.totalTime(TimeUnit.SECONDS));
        }
        return seconds;
    }

    /** Waits the way a client does: on the document's server-sent progress stream, which ends at READY/FAILED. */
    private JsonNode awaitReady(UUID user, UUID id) {
        HttpResponse<String> stream = get(user, "/api/documents/" + id + "/events");
        assertThat(stream.body()).contains("\"status\":\"READY\"");
        return json(get(user, "/api/documents/" + id));
    }

    /** PDFBox text per page, cut into ~225-word pieces, embedded in batches of 32: the floor of any pipeline. */
    private int bare(List<Path> pdfs) throws IOException {
        int pages = 0;
        for (Path pdf : pdfs) {
            List<String> pieces = new ArrayList<>();
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                PDFTextStripper stripper = new PDFTextStripper();
                for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                    stripper.setStartPage(p);
                    stripper.setEndPage(p);
                    String[] words = stripper.getText(doc).split("\\s+");
                    for (int from = 0; from < words.length; from += 225) {
                        pieces.add(String.join(" ", List.of(words).subList(from, Math.min(words.length, from + 225))));
                    }
                    pages++;
                }
            }
            for (int from = 0; from < pieces.size(); from += 32) {
                Embeddings.embedAll(embeddings, pieces.subList(from, Math.min(pieces.size(), from + 32)));
            }
        }
        return pages;
    }

    private void ocrVersusCli() throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        for (int page = 0; page < 8; page++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 30; l++) {
                lines.add("Page " + (page + 1) + " line " + (l + 1)
                        + ": the orbit of a satellite is an ellipse with the planet at one focus.");
            }
            images.add(Fixtures.textImage(lines, 2480, 3508, 42));
        }
        Path scanned = Files.createTempFile("bench-scan-", ".pdf");
        try (PDDocument pdf = new PDDocument()) {
            for (BufferedImage image : images) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                    out.drawImage(
                            LosslessFactory.createFromImage(pdf, image),
                            0,
                            0,
                            PDRectangle.A4.getWidth(),
                            PDRectangle.A4.getHeight());
                }
            }
            pdf.save(scanned.toFile());
        }
        // The CLI gets the very pages the worker OCRs: rendered from the PDF at 300 dpi.
        Path pngs = Files.createTempDirectory("bench-png-");
        List<Path> files = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(scanned.toFile())) {
            PDFRenderer renderer = new PDFRenderer(pdf);
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                Path png = pngs.resolve("page-" + i + ".png");
                ImageIO.write(renderer.renderImageWithDPI(i, 300, ImageType.GRAY), "png", png.toFile());
                files.add(png);
            }
        }
        Extractors.Stack stack = Extractors.stack(OCR_THREADS);
        try {
            // The OCR engine alone gets the very PNGs the CLI reads (no PDF rendering on our side either).
            List<BufferedImage> rendered = new ArrayList<>();
            for (Path png : files) {
                rendered.add(ImageIO.read(png.toFile()));
            }
            extractScan(stack, scanned);
            cli(files.subList(0, 2));
            // The machine's speed drifts over minutes (other sessions, frequency), so the three paths take turns
            // round by round, the first of each round rotating, and each path's time is summed over its rounds.
            long[] nanos = new long[3];
            int[] pages = new int[3];
            int rounds = Integer.getInteger("bench.ocr.rounds", 6);
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < 3; turn++) {
                    int path = (round + turn) % 3;
                    long start = System.nanoTime();
                    pages[path] += switch (path) {
                        case 0 -> extractScan(stack, scanned);
                        case 1 -> engineAlone(stack, rendered);
                        default -> cli(files);
                    };
                    nanos[path] += System.nanoTime() - start;
                }
            }
            double ours = pages[0] / (nanos[0] / 1e9);
            double engine = pages[1] / (nanos[1] / 1e9);
            double cli = pages[2] / (nanos[2] / 1e9);
            report.add(String.format(
                    Locale.ROOT,
                    "OCR: worker extractor (the scan's own image, else a 300-dpi render, + Tess4J, %d threads) "
                            + "%.2f pages/s; tesseract CLI (%d "
                            + "processes, OMP_THREAD_LIMIT=1, pre-rendered PNGs) %.2f pages/s; ratio %.2f (target >= 0.9) "
                            + "[%d pages x %d interleaved rounds]; OMP_THREAD_LIMIT in this JVM: %s",
                    OCR_THREADS,
                    ours,
                    OCR_THREADS,
                    cli,
                    ours / cli,
                    files.size(),
                    rounds,
                    System.getenv("OMP_THREAD_LIMIT")));
            report.add(String.format(
                    Locale.ROOT,
                    "OCR engine alone (Tess4J on the same PNGs, %d threads): %.2f pages/s; ratio to the CLI %.2f",
                    OCR_THREADS,
                    engine,
                    engine / cli));
        } finally {
            Extractors.shutdown(stack);
        }
    }

    private static int extractScan(Extractors.Stack stack, Path scanned) {
        return stack.extractor()
                .extract(
                        DocumentKind.PDF,
                        scanned,
                        ExtractionListener.NONE,
                        Instant.now().plusSeconds(600))
                .ocrPages();
    }

    private static int engineAlone(Extractors.Stack stack, List<BufferedImage> images) throws Exception {
        List<Future<?>> results = new ArrayList<>();
        for (BufferedImage image : images) {
            results.add(stack.ocr().submit(image, 300, () -> {}));
        }
        for (Future<?> result : results) {
            result.get();
        }
        return images.size();
    }

    private static int cli(List<Path> pngs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(OCR_THREADS);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (Path png : pngs) {
                runs.add(pool.submit(() -> {
                    ProcessBuilder pb = new ProcessBuilder("tesseract", png.toString(), "stdout", "-l", "eng")
                            .redirectErrorStream(true);
                    pb.environment().put("OMP_THREAD_LIMIT", "1");
                    Process p = pb.start();
                    p.getInputStream().readAllBytes();
                    return p.waitFor();
                }));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get()).isZero();
            }
            return pngs.size();
        } finally {
            pool.shutdown();
        }
    }

    private void heapFor500Pages() throws Exception {
        Path pdf = Files.createTempFile("bench-500-", ".pdf");
        generate500Pages(pdf);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.studilo.ingestion.extract.HeapBench",
                        pdf.toString())
                .redirectErrorStream(true);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        String line = output.lines()
                .filter(l -> l.startsWith("HEAP "))
                .findFirst()
                .orElse("no result; exit " + exit + "; last output: "
                        + output.substring(Math.max(0, output.length() - 2000)));
        report.add("500-page PDF in a -Xmx512m JVM (target peak <= 512 MB): " + line);
    }

    /** 500 A4 pages: 490 with a text layer (a heading every 10 pages) and 10 scanned ones. */
    private static void generate500Pages(Path target) throws IOException {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        String sentence = "The thrust of a rocket motor changes its momentum and the drag of the fins slows its roll. ";
        try (PDDocument pdf = new PDDocument()) {
            for (int p = 1; p <= 500; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                    if (p % 50 == 25) {
                        BufferedImage image = Fixtures.textImage(
                                List.of("Scanned page " + p, sentence, sentence, sentence), 2480, 3508, 50);
                        out.drawImage(
                                LosslessFactory.createFromImage(pdf, image),
                                0,
                                0,
                                PDRectangle.A4.getWidth(),
                                PDRectangle.A4.getHeight());
                        continue;
                    }
                    float y = 790;
                    if (p % 10 == 1) {
                        text(out, bold, 18, y, "Chapter " + (p / 10 + 1) + " Rocket dynamics part " + p);
                        y -= 30;
                    }
                    for (int l = 0; l < 45; l++) {
                        text(out, regular, 10, y, "Line " + l + " of page " + p + ": " + sentence.substring(0, 70));
                        y -= 15;
                    }
                }
            }
            pdf.save(target.toFile());
        }
    }

    private static void text(PDPageContentStream out, PDType1Font font, float size, float y, String s)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(50, y);
        out.showText(s);
        out.endText();
    }
}
