package io.studilo.common.knowledge;

import java.util.Locale;
import java.util.UUID;

/**
 * One indexed passage of a student's notes. Its id is deterministic ({@link #idOf}) so re-ingesting a
 * document overwrites rather than duplicates.
 *
 * @param pageStart first page the text comes from (1-based)
 * @param pageEnd last page (equal to pageStart unless the chunk spans a page break)
 * @param chunkIndex position in the document, from 0
 */
public record Chunk(
        String id,
        UUID ownerId,
        UUID documentId,
        String documentTitle,
        UUID sectionId,
        String sectionTitle,
        int pageStart,
        int pageEnd,
        int chunkIndex,
        String text) {

    /** "1.2 ", "Chapter 3: ": what may stand before a section title on its heading line. */
    private static final int MAX_NUMBERING_CHARS = 12;

    public static String idOf(UUID documentId, int chunkIndex) {
        return documentId + ":" + chunkIndex;
    }

    /** The text without the heading line of its section, see {@link #withoutHeading}. */
    public String body() {
        return withoutHeading(text, sectionTitle);
    }

    /**
     * A chunk's text without the heading line its section starts with. A PDF heading is a plain line ("1.2 Roll
     * Damping"), so without this it glues onto the first sentence that answers, quotes or asks about the text
     * ("1.2 Roll Damping While roll forcing ..."); the citation already names the section. The line goes when it
     * is the section title, give or take a numbering prefix.
     */
    public static String withoutHeading(String text, String sectionTitle) {
        int end = text.indexOf('\n');
        String title = sectionTitle.replaceAll("\\s+", " ").trim();
        if (end < 0 || title.isEmpty()) {
            return text;
        }
        String first = text.substring(0, end).replaceAll("\\s+", " ").trim();
        String firstLower = first.toLowerCase(Locale.ROOT);
        String titleLower = title.toLowerCase(Locale.ROOT);
        boolean heading = firstLower.equals(titleLower)
                || (first.length() <= title.length() + MAX_NUMBERING_CHARS && firstLower.endsWith(titleLower))
                || (!first.isEmpty()
                        && title.length() <= first.length() + MAX_NUMBERING_CHARS
                        && titleLower.endsWith(firstLower));
        String rest = text.substring(end + 1);
        return heading && !rest.isBlank() ? rest : text;
    }
}
