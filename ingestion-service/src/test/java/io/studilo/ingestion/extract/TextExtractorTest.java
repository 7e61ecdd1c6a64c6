package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text files whose shape (one endless line, an unclosed fence, sheer length) must not defeat the paging. */
class TextExtractorTest {

    private final TextExtractor text = new TextExtractor(Extractors.properties(1));

    @TempDir
    Path dir;

    @Test
    void oneEndlessLineIsCutIntoPagesAtSpaces() throws IOException {
        Path file = Files.writeString(dir.resolve("line.txt"), "word ".repeat(60_000));
        Extraction extraction = text.extract(file, ExtractionListener.NONE);
        assertThat(extraction.pages()).hasSizeGreaterThanOrEqualTo(45);
        assertThat(extraction.pages())
                .allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(6_100));
        assertThat(extraction.pages().get(0).text()).startsWith("word word").doesNotContain("wo rd");
    }

    @Test
    void anUnclosedCodeFenceDoesNotMakeTheRestOfTheFileOnePage() throws IOException {
        Path file = Files.writeString(dir.resolve("fence.md"), "# Code\n\n```\n" + "x = 1\n".repeat(20_000));
        Extraction extraction = text.extract(file, ExtractionListener.NONE);
        assertThat(extraction.pages()).hasSizeGreaterThan(5);
    }

    @Test
    void aTextLongerThanThePageLimitFailsWithAReasonBeforeItIsAllRead() throws IOException {
        // The limit is 2,000 pages (of 3,000 to 6,000 characters); this is 15 MB of words on one line.
        Path file = Files.writeString(dir.resolve("long.txt"), "word ".repeat(3_000_000));
        assertThatThrownBy(() -> text.extract(file, ExtractionListener.NONE))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("longer than 2000 pages");
    }
}
