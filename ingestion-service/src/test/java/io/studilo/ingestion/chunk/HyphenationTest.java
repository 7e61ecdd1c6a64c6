package io.studilo.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.ingestion.extract.PageContent;
import io.studilo.ingestion.extract.ReadMethod;
import io.studilo.ingestion.extract.TextLine;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyphenationTest {

    private static PageContent page(int number, String... lines) {
        return new PageContent(number, Arrays.stream(lines).map(TextLine::plain).toList(), ReadMethod.TEXT);
    }

    private static List<String> text(List<PageContent> pages) {
        return pages.stream()
                .flatMap(p -> p.lines().stream())
                .map(TextLine::text)
                .toList();
    }

    @Test
    void aWordBrokenAtTheEndOfALineIsJoinedWhole() {
        List<PageContent> mended = Hyphenation.mend(List.of(page(
                1,
                "GNU tar is a program to store files in an archive and to manip-",
                "ulate such archives. It can also extract them.")));

        assertThat(text(mended))
                .containsExactly(
                        "GNU tar is a program to store files in an archive and to manipulate",
                        "such archives. It can also extract them.");
    }

    @Test
    void theDocumentDecidesWhetherTheHyphenBelongsToTheWord() {
        List<PageContent> mended = Hyphenation.mend(List.of(
                page(
                        1,
                        "The information is well-known to every pilot, and the heat shield",
                        "protects the capsule. Some in-",
                        "formation is a well-",
                        "known fact; the heat-",
                        "shield glows, a con-",
                        "sequence of drag."),
                page(2, "A well known shield.")));

        assertThat(String.join(" ", text(mended)))
                .contains("Some information is")
                .contains("a well-known fact")
                .contains("the heat-shield glows")
                .contains("a consequence of drag.");
    }

    @Test
    void aBreakAcrossPagesMovesTheRestUpAndDashesOptionsAndParagraphsAreLeftAlone() {
        List<PageContent> mended = Hyphenation.mend(List.of(
                page(1, "the pressure distribu-"),
                page(
                        2,
                        "tion along the body",
                        "use the --no-",
                        "recursion option -",
                        "like this",
                        "a line-",
                        "",
                        "break")));

        assertThat(text(mended.subList(0, 1))).containsExactly("the pressure distribution");
        assertThat(text(mended.subList(1, 2)))
                .containsExactly(
                        "along the body", "use the --no-", "recursion option -", "like this", "a line-", "", "break");
    }
}
