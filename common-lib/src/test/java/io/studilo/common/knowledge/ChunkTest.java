package io.studilo.common.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChunkTest {

    private static Chunk chunk(String sectionTitle, String text) {
        UUID document = UUID.randomUUID();
        return new Chunk(
                Chunk.idOf(document, 0),
                UUID.randomUUID(),
                document,
                "Notes",
                UUID.randomUUID(),
                sectionTitle,
                1,
                1,
                0,
                text);
    }

    @Test
    void theBodyLeavesOutTheSectionsHeadingLineNumberedOrNot() {
        assertThat(chunk("Naming", "2.2 Naming\nConsider this definition.").body())
                .isEqualTo("Consider this definition.");
        assertThat(chunk("1.2 Roll Damping", "Roll Damping\nIt scales.").body()).isEqualTo("It scales.");
        assertThat(chunk("Naming", "Names are paths.\nNaming is easy.").body())
                .isEqualTo("Names are paths.\nNaming is easy.");
        assertThat(chunk("Naming", "2.2 Naming").body()).isEqualTo("2.2 Naming"); // nothing but the heading
    }
}
