package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextQualityTest {

    @Test
    void realTextIsUsableGarbageAndTooLittleAreNot() {
        assertThat(TextQuality.usable("The Hohmann transfer uses two burns between circular orbits.", 20, 0.3))
                .isTrue();
        assertThat(TextQuality.usable("Page 3", 20, 0.3)).isFalse();
        assertThat(TextQuality.usable("\uFFFD".repeat(40) + "abc", 20, 0.3)).isFalse();
        assertThat(TextQuality.usable("\uE001\uE002\uE003 ".repeat(20) + "some letters here ok fine", 20, 0.3))
                .isFalse();
        assertThat(TextQuality.usable("#$%&*()!@ ".repeat(10) + "abcdefghijklmnopqrstu", 20, 0.3))
                .isFalse();
    }

    @Test
    void aContentsPageWithDotLeadersIsUsable() {
        String contents = "Table of Contents\n"
                + "1 Introduction . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 1\n"
                + "2 ASN.1 structure handling . . . . . . . . . . . . . . . . . . . . . . 2\n"
                + "2.1 ASN.1 syntax . . . . . . . . . . . . . . . . . . . . . . . . . . . . 2\n"
                + "3 Utilities ........................................................ 5\n";
        assertThat(TextQuality.usable(contents, 20, 0.3)).isTrue();
        // Without letters, leaders do not make a page readable.
        assertThat(TextQuality.usable(". . . . . . . . 1 2 3 . . . . . . . .", 20, 0.3))
                .isFalse();
    }

    @Test
    void rotatingFourQuarterTurnsGivesTheImageBack() {
        var image = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 200);
        var turned = OcrEngine.rotate(image, 90);
        assertThat(turned.getWidth()).isEqualTo(2);
        assertThat(turned.getRaster().getSample(1, 0, 0)).isEqualTo(200);
        var back = OcrEngine.rotate(OcrEngine.rotate(OcrEngine.rotate(turned, 90), 90), 90);
        assertThat(back.getRaster().getSample(0, 0, 0)).isEqualTo(200);
    }
}
