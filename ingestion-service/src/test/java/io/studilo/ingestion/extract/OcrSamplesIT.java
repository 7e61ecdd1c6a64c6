package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.ingestion.document.DocumentKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OCR against the real Tesseract on the shared scanned samples, upright and turned by 90°. */
class OcrSamplesIT {

    private static Extractors.Stack stack;
    private static Path dir;

    @BeforeAll
    static void start() {
        dir = Path.of(System.getenv().getOrDefault("STUDILO_SHARED_DATA", "../../shared/data"), "ocr");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no shared sample data at " + dir);
        stack = Extractors.stack(2);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            Extractors.shutdown(stack);
        }
    }

    @Test
    void uprightAndRotatedScansAreBothRead() throws IOException {
        Set<String> truth = words(Files.readString(dir.resolve("docling_ocr_test.groundtruth.txt")));
        for (String name : new String[] {"docling_ocr_test.pdf", "docling_ocr_test_rotated_90.pdf"}) {
            Extraction extraction = stack.extractor()
                    .extract(
                            DocumentKind.PDF,
                            dir.resolve(name),
                            ExtractionListener.NONE,
                            Instant.now().plusSeconds(300));
            assertThat(extraction.ocrPages())
                    .as(name)
                    .isEqualTo(extraction.pages().size());
            Set<String> read =
                    words(extraction.pages().stream().map(PageContent::text).collect(Collectors.joining(" ")));
            Set<String> found = new HashSet<>(truth);
            found.retainAll(read);
            assertThat((double) found.size() / truth.size())
                    .as(name + " recall of ground-truth words")
                    .isGreaterThan(0.8);
        }
    }

    @Test
    void aPngIsReadDirectly() throws IOException {
        Extraction extraction = stack.extractor()
                .extract(
                        DocumentKind.PNG,
                        dir.resolve("ocrmypdf_linn.png"),
                        ExtractionListener.NONE,
                        Instant.now().plusSeconds(300));
        Set<String> truth = words(Files.readString(dir.resolve("ocrmypdf_linn.txt")));
        Set<String> read = words(extraction.pages().get(0).text());
        read.retainAll(truth);
        assertThat((double) read.size() / truth.size()).isGreaterThan(0.7);
        assertThat(extraction.pages().get(0).method()).isEqualTo(ReadMethod.OCR);
    }

    @Test
    void aPageScannedSidewaysOrUpsideDownIsRead() {
        var upright = io.studilo.ingestion.Fixtures.textImage(
                java.util.List.of(
                        "Orbital mechanics studies the motion of satellites.",
                        "The period depends on the semi-major axis only.",
                        "Engineers plan transfers with two engine burns."),
                2480,
                1400,
                50);
        for (int degrees : new int[] {90, 180, 270}) {
            OcrEngine.OcrResult result = stack.ocr().recognise(OcrEngine.rotate(upright, degrees), 300);
            assertThat(result.text())
                    .as("turned by " + degrees)
                    .contains("satellites")
                    .contains("semi-major")
                    .contains("transfers");
        }
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 2)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
