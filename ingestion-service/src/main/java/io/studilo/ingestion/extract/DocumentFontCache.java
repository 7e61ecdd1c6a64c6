package io.studilo.ingestion.extract;

import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.DefaultResourceCache;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A resource cache that keeps a document's fonts across its pages. PDFBox's text stripper drops a page's fonts
 * from the cache once the page is read, so a font every page uses was parsed again on every page (embedded
 * Type 1 fonts especially: decrypting and tokenising the program was a quarter of text extraction's CPU). The
 * entries are soft references, as in the default cache: under memory pressure the collector still reclaims
 * them and a font is parsed again when needed.
 */
final class DocumentFontCache extends DefaultResourceCache {

    @Override
    public PDFont removeFont(COSObject indirect) {
        return null; // kept for the next page that uses it
    }
}
