package io.studilo.exam.question;

import java.util.List;

/**
 * Writes a question bank as an Anki import file: tab-separated front and back (HTML allowed), with a header
 * Anki reads. Tabs and line breaks inside fields are escaped so a field never spills into the next one.
 */
final class AnkiExport {

    private AnkiExport() {}

    static String deck(String documentTitle, List<Question> questions) {
        StringBuilder out = new StringBuilder("#separator:tab\n#html:true\n#columns:Front\tBack\n");
        for (Question q : questions) {
            out.append(field(front(q)))
                    .append('\t')
                    .append(field(back(documentTitle, q)))
                    .append('\n');
        }
        return out.toString();
    }

    private static String front(Question q) {
        StringBuilder front = new StringBuilder(html(q.prompt()));
        if (q.type() == QuestionType.MULTIPLE_CHOICE) {
            char letter = 'A';
            for (String option : q.options()) {
                front.append("<br>").append(letter++).append(") ").append(html(option));
            }
        } else if (q.type() == QuestionType.TRUE_FALSE) {
            front.append("<br>(true or false?)");
        }
        return front.toString();
    }

    private static String back(String documentTitle, Question q) {
        String answer = q.type() == QuestionType.SHORT_ANSWER ? q.passage() : q.answer();
        return html(answer) + "<br><br><i>" + html(documentTitle) + ", p. " + q.page() + ", " + html(q.sectionTitle())
                + ":</i> " + html(q.passage());
    }

    /** Escapes a field for a tab-separated file: no raw tab or line break survives. */
    static String field(String value) {
        return value.replace("\r\n", "<br>")
                .replace("\n", "<br>")
                .replace("\r", "<br>")
                .replace("\t", " ");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
