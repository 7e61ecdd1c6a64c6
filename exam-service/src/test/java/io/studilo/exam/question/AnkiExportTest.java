package io.studilo.exam.question;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnkiExportTest {

    @Test
    void writesOneTabSeparatedLinePerQuestionWithTheCitation() {
        Question q = new Question(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Cells",
                QuestionType.MULTIPLE_CHOICE,
                "A mitochondrion is a(n) _____.\nPick\tone",
                List.of("organelle", "gene"),
                "organelle",
                "organelle",
                List.of("organelle"),
                "A mitochondrion is an organelle.",
                3,
                0,
                0);
        String deck = AnkiExport.deck("Biology <notes>", List.of(q));
        List<String> lines = deck.lines().toList();
        assertThat(lines).first().isEqualTo("#separator:tab");
        String card = lines.get(lines.size() - 1);
        assertThat(card.chars().filter(c -> c == '\t').count()).isEqualTo(1);
        String[] fields = card.split("\t");
        assertThat(fields[0])
                .contains("_____.<br>Pick one")
                .contains("A) organelle")
                .contains("B) gene");
        assertThat(fields[1]).startsWith("organelle").contains("Biology &lt;notes&gt;, p. 3, Cells");
        assertThat(lines).hasSize(4);
    }
}
