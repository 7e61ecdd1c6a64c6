package io.studilo.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

class IcsWriterTest {

    static final String LONG_TITLE =
            "Ableitungen, Integrale; Grenzwerte \\ Reihen — über 75 Oktette lang, damit gefaltet wird: "
                    + "Σ, ∫ und ∂ sind mehrbytig";

    private final IcsWriter writer = new IcsWriter();

    static Plan plan(int revision, LocalDate learnDay) {
        UUID planId = UUID.fromString("3f1c2c55-7b7e-4a59-9a8e-4d9b1c1f0a01");
        UUID section = UUID.fromString("0b6f5d0e-8f3a-4a6b-b9c1-2c7f0e1d2a3b");
        return new Plan(
                planId,
                UUID.randomUUID(),
                LocalDate.of(2027, 1, 20),
                60,
                LocalDate.of(2027, 1, 1),
                ZoneId.of("Europe/Berlin"),
                List.of(UUID.randomUUID()),
                revision,
                Instant.parse("2026-12-31T22:30:00Z"),
                Instant.parse("2027-01-02T08:15:30Z"),
                List.of(
                        new Plan.Session(
                                UUID.fromString("9d4b7c1e-1111-4a6b-b9c1-2c7f0e1d2a3b"),
                                0,
                                learnDay,
                                45,
                                SessionKind.LEARN,
                                section,
                                LONG_TITLE,
                                true,
                                Instant.parse("2027-01-01T18:00:00Z")),
                        new Plan.Session(
                                UUID.fromString("9d4b7c1e-2222-4a6b-b9c1-2c7f0e1d2a3b"),
                                1,
                                LocalDate.of(2027, 1, 3),
                                10,
                                SessionKind.REVIEW,
                                section,
                                "Line one\nline two",
                                false,
                                null),
                        new Plan.Session(
                                UUID.fromString("9d4b7c1e-3333-4a6b-b9c1-2c7f0e1d2a3b"),
                                2,
                                LocalDate.of(2027, 1, 19),
                                30,
                                SessionKind.PRACTICE_EXAM,
                                null,
                                "Practice exam",
                                false,
                                null)));
    }

    @Test
    void aRealICalendarParserAcceptsTheCalendar() throws Exception {
        String ics = writer.write(plan(3, LocalDate.of(2027, 1, 1)));

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        ValidationResult validation = calendar.validate();
        assertThat(validation.hasErrors()).as(validation.toString()).isFalse();

        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(4); // three sessions and the exam
        VEvent learn = events.get(0);
        assertThat(value(learn, Property.UID)).isEqualTo("9d4b7c1e-1111-4a6b-b9c1-2c7f0e1d2a3b@studilo.io");
        assertThat(value(learn, Property.SUMMARY)).isEqualTo("Learn: " + LONG_TITLE + " (45 min)");
        assertThat(value(learn, Property.DTSTART)).isEqualTo("20270101");
        assertThat(value(learn, Property.DTEND)).isEqualTo("20270102");
        assertThat(value(learn, Property.DTSTAMP)).isEqualTo("20270102T081530Z");
        assertThat(value(learn, Property.SEQUENCE)).isEqualTo("3");
        assertThat(value(events.get(1), Property.SUMMARY)).isEqualTo("Review: Line one\nline two (10 min)");
        assertThat(value(events.get(2), Property.SUMMARY)).isEqualTo("Practice exam: Practice exam (30 min)");
        assertThat(value(events.get(3), Property.SUMMARY)).isEqualTo("Exam");
        assertThat(value(events.get(3), Property.DTSTART)).isEqualTo("20270120");
    }

    @Test
    void linesEndInCrlfAndAreFoldedAtSeventyFiveOctets() {
        String ics = writer.write(plan(1, LocalDate.of(2027, 1, 1)));
        assertThat(ics).endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        String[] lines = ics.split("\r\n");
        assertThat(lines)
                .allSatisfy(line ->
                        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(lines).anyMatch(line -> line.startsWith(" ")); // the long summary was folded
        assertThat(ics).contains("Ableitungen\\, Integrale\\; Grenzwerte \\\\ Reihen");
        assertThat(ics).contains("Line one\\nline two");
    }

    @Test
    void uidsStayTheSameWhenThePlanIsReplannedAndTheSequenceGrows() throws Exception {
        String before = writer.write(plan(1, LocalDate.of(2027, 1, 1)));
        String after = writer.write(plan(2, LocalDate.of(2027, 1, 5)));
        List<VEvent> a = new CalendarBuilder().build(new StringReader(before)).getComponents("VEVENT");
        List<VEvent> b = new CalendarBuilder().build(new StringReader(after)).getComponents("VEVENT");
        assertThat(b)
                .extracting(e -> value(e, Property.UID))
                .containsExactlyElementsOf(
                        a.stream().map(e -> value(e, Property.UID)).toList());
        assertThat(value(b.get(0), Property.DTSTART)).isEqualTo("20270105");
        assertThat(value(b.get(0), Property.SEQUENCE)).isEqualTo("2");
    }

    @Test
    void escapesTextAndDropsControlCharacters() {
        assertThat(IcsWriter.text("a,b;c\\d\ne\rf\u0007g")).isEqualTo("a\\,b\\;c\\\\d\\nefg");
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).map(p -> ((Property) p).getValue()).orElseThrow();
    }
}
