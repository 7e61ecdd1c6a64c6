package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine without Tesseract's language data fails at startup (the engine is a bean), naming what to install. */
class OcrEngineStartupTest {

    @Test
    void missingLanguageDataStopsStartupWithTheInstallCommand(@TempDir Path emptyTessdata) {
        assertThatThrownBy(() -> new OcrEngine(
                        Extractors.properties(1, emptyTessdata.toString()), new PhaseTimers(new SimpleMeterRegistry())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("eng.traineddata is missing")
                .hasMessageContaining("apt-get install tesseract-ocr tesseract-ocr-eng");
    }
}
