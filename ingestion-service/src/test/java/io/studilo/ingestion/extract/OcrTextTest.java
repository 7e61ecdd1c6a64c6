package io.studilo.ingestion.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What Tesseract reads as dashes where a page prints hyphens. */
class OcrTextTest {

    @Test
    void dashesOpeningAWordAreHyphens() {
        assertThat(OcrText.mendDashes("—L, —-dereference when showing ——author with —l"))
                .isEqualTo("-L, --dereference when showing --author with -l");
        assertThat(OcrText.mendDashes("cools to –5 degrees")).isEqualTo("cools to -5 degrees");
    }

    @Test
    void dashesBetweenWordsRangesAndRulesStay() {
        String prose = "the orbit—an ellipse — is closed; pages 12–15 ——— end";
        assertThat(OcrText.mendDashes(prose)).isEqualTo(prose);
    }
}
