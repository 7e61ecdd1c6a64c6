package io.studilo.ingestion.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void keepsOnlyTheLastSegmentWithoutPathOrControlCharacters() {
        assertThat(FileNames.displayName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.displayName("C:\\Users\\me\\..\\notes.pdf")).isEqualTo("notes.pdf");
        assertThat(FileNames.displayName("..")).isEqualTo("document");
        assertThat(FileNames.displayName("a\u0000b\nc.pdf")).isEqualTo("abc.pdf");
        assertThat(FileNames.displayName("x<y>|z?.md")).isEqualTo("xyz.md");
        assertThat(FileNames.displayName(null)).isEqualTo("document");
        assertThat(FileNames.displayName("n".repeat(500) + ".pdf")).hasSize(FileNames.MAX_LENGTH);
    }

    @Test
    void titleIsTheNameWithoutExtension() {
        assertThat(FileNames.titleOf("orbital_mechanics.pdf")).isEqualTo("orbital mechanics");
        assertThat(FileNames.titleOf("notes")).isEqualTo("notes");
    }
}
