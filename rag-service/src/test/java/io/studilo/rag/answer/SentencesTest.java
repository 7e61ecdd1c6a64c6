package io.studilo.rag.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.common.knowledge.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void aBlankLineEndsASentenceEvenWithoutAFullStopAndWrappedLinesAreJoined() {
        assertThat(Sentences.split("Male gametes are sperm\n\nMeteorologists study the\nweather. They forecast it."))
                .containsExactly("Male gametes are sperm", "Meteorologists study the weather.", "They forecast it.");
    }

    @Test
    void aBlockOfLinesWithoutPunctuationIsCutBackIntoGroupsOfLines() {
        String usage = "Usage: asn1Parser [OPTION] FILE\n"
                + "Read FILE with ASN.1 definitions and generate a C array that is used with libtasn1 functions\n"
                + "-c, --check checks the syntax only\n"
                + "-o, --output=FILE output file\n"
                + "-n, --name=NAME array name\n"
                + "-h, --help display this help and exit\n"
                + "-v, --version output version information and exit\n"
                + "Report bugs to the mailing list of the project, with the version and the input file\n"
                + "General help using GNU software is on the web pages of the project";
        List<String> sentences = Sentences.split(usage);
        assertThat(sentences)
                .hasSizeGreaterThan(1)
                .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(200));
        assertThat(String.join(" ", sentences)).isEqualTo(usage.replace('\n', ' '));
        // Prose keeps its sentences whole, however many lines they wrap over.
        String prose = "The mime.cache files contain the same information as the globs2, magic, subclasses,\n"
                + "aliases and XMLnamespaces files, in a binary, mmappable format. Applications read them.";
        assertThat(Sentences.split(prose)).hasSize(2);
    }

    @Test
    void strongEmphasisReadsAsItsText() {
        assertThat(Sentences.split(
                        "This transfer is called a **Hohmann transfer**. It uses __two__ burns; a*b*c stays."))
                .containsExactly("This transfer is called a Hohmann transfer.", "It uses two burns; a*b*c stays.");
    }

    @Test
    void markdownHeadingLinesAreLeftOut() {
        assertThat(Sentences.split("## Part 1\nReptiles lay eggs.\n## Part 2\nBirds fly."))
                .containsExactly("Reptiles lay eggs.", "Birds fly.");
    }

    @Test
    void aPdfSectionsHeadingLineIsNotPartOfItsFirstSentence() {
        String chunk =
                "1.2 Roll Damping\nWhile roll forcing causes the rotation, roll damping counteracts it. It scales.";

        assertThat(Sentences.split(Chunk.withoutHeading(chunk, "1.2 Roll Damping")))
                .containsExactly("While roll forcing causes the rotation, roll damping counteracts it.", "It scales.");
        // a bookmark title without the numbering, or a numbered bookmark over an unnumbered line
        assertThat(Chunk.withoutHeading(chunk, "Roll Damping")).startsWith("While roll forcing");
        assertThat(Chunk.withoutHeading("Roll Damping\nIt scales.", "1.2 Roll Damping"))
                .isEqualTo("It scales.");
    }

    @Test
    void aFirstLineThatIsNotTheSectionTitleStays() {
        String chunk = "Roll damping counteracts the rotation\nof the rocket.";

        assertThat(Chunk.withoutHeading(chunk, "Pages 1-2")).isEqualTo(chunk);
        assertThat(Chunk.withoutHeading("1.2 Roll Damping", "1.2 Roll Damping")).isEqualTo("1.2 Roll Damping");
    }

    @Test
    void mystMarkupIsNotReadAsProse() {
        String notes = "(eq:vis-viva)=\n"
                + ":::{math}\n:label: eq:vis-viva\n:width: 50%\nv^2 = mu (2/r - 1/a)\n:::\n"
                + "The vis-viva equation {eq}`eq:vis-viva` relates speed and distance, see [the figure](fig.png).\n"
                + "```{note}\nHohmann {cite}`Hohmann1960` proposed it.\n```";

        assertThat(Sentences.split(notes))
                .containsExactly(
                        "v^2 = mu (2/r - 1/a)",
                        "The vis-viva equation eq:vis-viva relates speed and distance, see the figure.",
                        "Hohmann Hohmann1960 proposed it.");
        assertThat(Sentences.snippet(notes, 240)).doesNotContain(":::", ":width:", "{eq}", "](", "```");
    }

    @Test
    void aFormulaOfPdfTextEndsTheSentenceThatIntroducesIt() {
        String page = "acts in the opposite direction. ω ̸= 0 and δ = 0 are assumed.\n"
                + "It is defined in the same way as roll forcing:\n"
                + "M\nCld = (5)\nqArLr\n"
                + "Due to greater clarity, the Niskanen 2013 formulation was used. The author\n"
                + "defines the roll damping coefficient as:\n"
                + "Cr + 2Ct Cr + 3\n"
                + "ts + s3";

        assertThat(Sentences.split(page))
                .containsExactly(
                        "acts in the opposite direction. ω ̸= 0 and δ = 0 are assumed.",
                        "It is defined in the same way as roll forcing: M Cld = (5) qArLr",
                        "Due to greater clarity, the Niskanen 2013 formulation was used.",
                        "The author defines the roll damping coefficient as: Cr + 2Ct Cr + 3 ts + s3");
    }

    @Test
    void aSentenceRunsOnIntoTheFormulaItIntroducesMidLine() {
        assertThat(Sentences.split(
                        "the interference factor can be\ngiven by: ∫ s+r c(ξ) dξ (15)\nSolving the integrals gives"))
                .containsExactly(
                        "the interference factor can be given by: ∫ s+r c(ξ) dξ (15)", "Solving the integrals gives");
    }

    @Test
    void shortLinesOfProseAreNotFormulas() {
        assertThat(Sentences.isFormula("movement.")).isFalse();
        assertThat(Sentences.isFormula("Mass is kg")).isFalse();
        assertThat(Sentences.isFormula("the speed is v = 2 r / t here")).isFalse();
        assertThat(Sentences.isFormula("Cld = ciξ")).isTrue();
        assertThat(Sentences.isFormula("2∆ξ (6)")).isTrue();
    }
}
