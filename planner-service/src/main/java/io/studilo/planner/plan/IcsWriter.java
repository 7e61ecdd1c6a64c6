package io.studilo.planner.plan;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A plan as an RFC 5545 iCalendar: one all-day event per session (dates in the student's time zone, so no
 * VTIMEZONE is needed) plus one for the exam. UIDs are the session ids, which survive re-plans, and SEQUENCE is
 * the plan's revision, so calendar apps move events instead of duplicating them. Lines end in CRLF, are folded at
 * 75 octets (never inside a UTF-8 character) and TEXT values are escaped. There is no METHOD: this is a plain
 * calendar file to import or subscribe to, not an iTIP message (METHOD:PUBLISH would require an ORGANIZER).
 */
@Component
class IcsWriter {

    static final String UID_DOMAIN = "@studilo.io";
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    String write(Plan plan) {
        StringBuilder out = new StringBuilder(256 + plan.sessions().size() * 320);
        String stamp = STAMP.format(plan.updatedAt());
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//STUDILO//Study planner//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "X-WR-CALNAME:" + text("Study plan: exam on " + plan.examDate()));
        line(out, "X-WR-TIMEZONE:" + text(plan.timeZone().getId()));
        for (Plan.Session s : plan.sessions()) {
            String summary = label(s.kind()) + ": " + s.title() + " (" + s.minutes() + " min)";
            String description = s.minutes() + " minutes of " + label(s.kind()).toLowerCase(Locale.ROOT)
                    + (s.done() ? ". Done." : ".");
            event(
                    out,
                    s.id() + UID_DOMAIN,
                    stamp,
                    plan.revision(),
                    s.day(),
                    summary,
                    description,
                    s.kind().name());
        }
        event(
                out,
                "exam-" + plan.id() + UID_DOMAIN,
                stamp,
                plan.revision(),
                plan.examDate(),
                "Exam",
                "The exam this plan prepares for.",
                "EXAM");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static void event(
            StringBuilder out,
            String uid,
            String stamp,
            int sequence,
            LocalDate day,
            String summary,
            String description,
            String category) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + text(uid));
        line(out, "DTSTAMP:" + stamp);
        line(out, "SEQUENCE:" + sequence);
        line(out, "DTSTART;VALUE=DATE:" + DATE.format(day));
        line(out, "DTEND;VALUE=DATE:" + DATE.format(day.plusDays(1)));
        line(out, "SUMMARY:" + text(summary));
        line(out, "DESCRIPTION:" + text(description));
        line(out, "CATEGORIES:" + text(category));
        line(out, "TRANSP:TRANSPARENT");
        line(out, "END:VEVENT");
    }

    private static String label(SessionKind kind) {
        return switch (kind) {
            case LEARN -> "Learn";
            case REVIEW -> "Review";
            case PRACTICE_EXAM -> "Practice exam";
        };
    }

    /** RFC 5545 3.3.11: backslash, semicolon, comma and newline escaped; other control characters dropped. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                case '\r' -> {}
                default -> {
                    if (c >= 0x20 && c != 0x7f) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Appends a content line, folded so that no physical line exceeds 75 octets (RFC 5545 3.1). */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 1; // the leading space of the continuation line
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
