package io.studilo.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.ingestion.extract.PageContent;
import io.studilo.ingestion.extract.ReadMethod;
import io.studilo.ingestion.extract.TextLine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageFurnitureTest {

    private static PageContent page(int number, String... lines) {
        return new PageContent(
                number, java.util.Arrays.stream(lines).map(TextLine::plain).toList(), ReadMethod.TEXT);
    }

    private static List<String> texts(PageContent page) {
        return page.lines().stream().map(TextLine::text).toList();
    }

    @Test
    void headersFootersAndPageNumbersGoContentStays() {
        String[] words = {"globs", "weights", "magic", "aliases", "icons", "namespaces"};
        List<PageContent> pages = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            String topic = words[n - 1];
            pages.add(page(
                    n,
                    "Shared MIME-info Database",
                    "Chapter 2: The database files",
                    "The " + topic + " file lists one rule per line,",
                    "separated by colons, and " + topic + " are matched first.",
                    "Applications read " + topic + " at start-up.",
                    String.valueOf(n + 10)));
        }
        List<PageContent> cleaned = PageFurniture.remove(pages);
        assertThat(texts(cleaned.get(3)))
                .containsExactly(
                        "The aliases file lists one rule per line,",
                        "separated by colons, and aliases are matched first.",
                        "Applications read aliases at start-up.");
        assertThat(cleaned.get(3).number()).isEqualTo(4);
    }

    @Test
    void aLineRepeatedOnTooFewPagesIsContentButALonePageNumberIsNot() {
        List<PageContent> cleaned = PageFurniture.remove(List.of(
                page(1, "Exercises", "Solve the orbit equation for a circular orbit.", "First line.", "Second.", "iv"),
                page(
                        2,
                        "Exercises",
                        "Compute the escape velocity of the Moon.",
                        "Third line.",
                        "Fourth.",
                        "Page 2 of 9"),
                page(3, "Summary", "Energy is conserved in orbital motion.", "Fifth line.", "Sixth.", "civil")));
        assertThat(texts(cleaned.get(0))).startsWith("Exercises").doesNotContain("iv");
        assertThat(texts(cleaned.get(1))).startsWith("Exercises").doesNotContain("Page 2 of 9");
        assertThat(texts(cleaned.get(2))).endsWith("civil"); // a word made of numeral letters is a word
    }

    @Test
    void aPageOfNothingButRepeatedLinesKeepsThem() {
        List<PageContent> pages = new ArrayList<>();
        for (String topic : List.of("Drag", "Lift", "Thrust", "Weight")) {
            pages.add(page(
                    pages.size() + 1, "Lecture notes", topic + " acts on the rocket in flight.", "Why " + topic + "?"));
        }
        pages.add(page(5, "Lecture notes"));
        List<PageContent> cleaned = PageFurniture.remove(pages);
        assertThat(texts(cleaned.get(0))).doesNotContain("Lecture notes");
        assertThat(texts(cleaned.get(4))).containsExactly("Lecture notes");
    }

    @Test
    void contentsAndIndexEntriesGoDotsInProseStay() {
        List<PageContent> cleaned = PageFurniture.remove(List.of(page(
                1,
                "Table of Contents",
                "2.4 The glob files . . . . . . . . . . . . . . . . 7",
                "asn1_der_coding..........................17",
                "Appendix A . . . . . . . . . . . . . . . . . . . . . xii",
                "The series 1, 2, 3 . . . goes on, and so on.",
                "Wait.... what?")));
        assertThat(texts(cleaned.get(0)))
                .containsExactly("Table of Contents", "The series 1, 2, 3 . . . goes on, and so on.", "Wait.... what?");
    }

    private static final String[] TOPICS = {
        "integer", "boolean", "string", "sequence", "set", "choice", "tagged", "object", "real", "time"
    };

    @Test
    void runningHeadsWhoseTitleChangesGoByTheirPageNumber() {
        List<PageContent> pages = new ArrayList<>();
        String[] chapters = {"Basics", "Encoding", "Utilities", "Errors", "Licence"};
        for (int n = 1; n <= 10; n++) {
            // Two pages a chapter: no head text repeats on enough pages, but every page prints its number + 2.
            String head = "Chapter " + ((n + 1) / 2) + ": " + chapters[(n - 1) / 2];
            List<TextLine> lines = new ArrayList<>();
            lines.add(new TextLine(n % 2 == 0 ? (n + 2) + " " + head : head + " " + (n + 2), 10, false));
            if (n == 2) {
                lines.add(new TextLine("4 Results", 14, true)); // a heading whose number is the page's: kept
            }
            String topic = TOPICS[n - 1];
            lines.add(new TextLine("The " + topic + " values were encoded alike in 1996 and 2024.", 10, false));
            lines.add(new TextLine("Its tables give " + (n * 7) + " " + topic + " examples in all of 42", 10, false));
            pages.add(new PageContent(n, lines, ReadMethod.TEXT));
        }

        List<PageContent> cleaned = PageFurniture.remove(pages);

        assertThat(texts(cleaned.get(2)))
                .containsExactly(
                        "The string values were encoded alike in 1996 and 2024.",
                        "Its tables give 21 string examples in all of 42");
        assertThat(texts(cleaned.get(1))).first().isEqualTo("4 Results");
        assertThat(cleaned).allSatisfy(page -> assertThat(texts(page)).noneMatch(l -> l.contains("Chapter")));
    }

    @Test
    void numbersThatDoNotRunWithThePagesAreContent() {
        List<PageContent> pages = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            pages.add(page(n, "Exercise set " + (n * 3) + " covers orbits", "Solve each problem.", "See table 12"));
        }

        List<PageContent> cleaned = PageFurniture.remove(pages);

        assertThat(texts(cleaned.get(4)))
                .containsExactly("Exercise set 15 covers orbits", "Solve each problem.", "See table 12");
    }
}
