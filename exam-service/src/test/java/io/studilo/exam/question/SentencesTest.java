package io.studilo.exam.question;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void wrappedLinesAreJoinedAndBlankLinesEndBlocks() {
        assertThat(Sentences.split("Reptiles are cold-\nblooded animals. Birds are not.\n\nA new block"))
                .containsExactly("Reptiles are cold- blooded animals.", "Birds are not.", "A new block");
    }

    @Test
    void markdownHeadingLinesAreNotPartOfTheFirstSentence() {
        assertThat(Sentences.split("## Part 1\nReptile parents provide little care.\n### Birds\nBirds lay eggs."))
                .containsExactly("Reptile parents provide little care.", "Birds lay eggs.");
    }

    @Test
    void aHashInsideALineIsKept() {
        assertThat(Sentences.split("C# is a language.")).containsExactly("C# is a language.");
    }

    @Test
    void codeGrammarsAndListLeadInsAreNoStatementsProseWithAFormulaIs() {
        assertThat(Sentences.isStatement("Group ::= SEQUENCE { id OBJECT IDENTIFIER, value Value } END The notation"))
                .isFalse();
        assertThat(Sentences.isStatement("The main features of this library are:"))
                .isFalse();
        assertThat(Sentences.isStatement("char *buf = malloc(len); if (buf == NULL) return -1;"))
                .isFalse();
        assertThat(Sentences.isStatement("Reptiles are cold-blooded animals that lay eggs on land."))
                .isTrue();
        assertThat(Sentences.isStatement("The kinetic energy is E = mv²/2, half the mass times the speed squared."))
                .isTrue();
        assertThat(Sentences.isStatement("About 71% of the Earth's surface is covered by water (oceans, seas)."))
                .isTrue();
        assertThat(Sentences.isStatement("Franz Yuri, Kaleb Santos, Mateus Junqueira, Matheus Doretto,"))
                .isFalse();
        assertThat(Sentences.isStatement("(1967). “The practical calculation of the aerodynamic characteristics”."))
                .isFalse();
        assertThat(Sentences.isStatement("Barrowman, J. S. (1967). The practical calculation of fin forces."))
                .isFalse();
        assertThat(Sentences.isStatement("In 1967 Barrowman published the practical calculation of fin forces."))
                .isTrue();
        assertThat(Sentences.isStatement("In: IOP Conference Series: Materials Science and Engineering 816.1, p."))
                .isFalse();
        assertThat(Sentences.isStatement("Tun, Kyaw and Lee (2020). “Lift of slender bodies”. Journal 5, pp. 1-9."))
                .isFalse();
        assertThat(Sentences.isStatement("In flight, the fins produce a roll moment proportional to the cant angle."))
                .isTrue();
        assertThat(Sentences.isStatement(
                        "Lonvick, The Secure Shell (SSH) Connection Protocol, RFC 4254, January 2006."))
                .isFalse();
        assertThat(Sentences.isStatement("Kepler, Astronomia Nova, Prague, 1609."))
                .isFalse();
        assertThat(Sentences.isStatement("The Berlin Wall fell in November 1989."))
                .isTrue();
        assertThat(Sentences.isStatement("Apollo 11 landed on the Moon on July 20, 1969."))
                .isTrue();
        assertThat(Sentences.isStatement("If the root provided is a")).isFalse();
        assertThat(Sentences.isStatement("The drag depends on the shape of the"))
                .isFalse();
        assertThat(Sentences.isStatement("2 ASN.1 structure handling")).isFalse();
        assertThat(Sentences.isStatement("3.4 Fin flutter and divergence")).isFalse();
        assertThat(Sentences.isStatement("3 forces act on a rocket in flight")).isTrue();
        assertThat(Sentences.isStatement("Drag grows with the square of the airspeed"))
                .isTrue();
        assertThat(Sentences.isStatement("In 2.5 seconds the motor burns out.")).isTrue();
        assertThat(Sentences.isStatement("The radius of GEO is")).isFalse();
        assertThat(Sentences.isStatement("This function is similar to strerror."))
                .isFalse();
        assertThat(Sentences.isStatement("These orbits are called ellipses.")).isFalse();
        assertThat(Sentences.isStatement("Thermal energy flows from hot to cold bodies."))
                .isTrue();
        assertThat(Sentences.isStatement("Copyright © 2013-2019 Free Software Foundation, Inc."))
                .isFalse();
    }
}
