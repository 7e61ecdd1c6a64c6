package io.studilo.planner.material;

import java.util.UUID;

/** The planner's copy of one section of a student's document. */
public record StudySection(
        UUID sectionId,
        UUID documentId,
        String documentTitle,
        String title,
        int level,
        int pageStart,
        int pageEnd,
        int ordinal,
        int wordCount,
        int equationCount) {

    public int pages() {
        return Math.max(1, pageEnd - pageStart + 1);
    }
}
