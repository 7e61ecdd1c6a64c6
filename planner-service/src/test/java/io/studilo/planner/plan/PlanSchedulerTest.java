package io.studilo.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.planner.PlannerProperties;
import io.studilo.planner.fsrs.Fsrs;
import io.studilo.planner.fsrs.MemoryState;
import io.studilo.planner.fsrs.Rating;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanSchedulerTest {

    static final PlannerProperties.Schedule SCHEDULE =
            new PlannerProperties.Schedule(0.15, 7, 0.6, 10, 0.25, 5, 20, 30, 15, 7);
    static final LocalDate START = LocalDate.of(2027, 3, 1);

    private final Fsrs fsrs = Fsrs.withDefaults();
    private final PlanScheduler scheduler = new PlanScheduler(fsrs, SCHEDULE);

    static List<PlanScheduler.Item> sections(int count, int seed) {
        List<PlanScheduler.Item> items = new ArrayList<>();
        long state = seed;
        for (int i = 0; i < count; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            int minutes = 5 + (int) Math.floorMod(state >>> 33, 80L);
            UUID id = UUID.nameUUIDFromBytes(("section-" + seed + "-" + i).getBytes());
            items.add(new PlanScheduler.Item(id, "Section " + i, minutes, Math.max(5, minutes / 4), null, null));
        }
        return items;
    }

    static PlanScheduler.Request request(LocalDate exam, int daily, List<PlanScheduler.Item> items) {
        return new PlanScheduler.Request(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                START,
                exam,
                daily,
                items,
                Map.of(),
                Set.of(),
                false);
    }

    static Map<LocalDate, Integer> minutesPerDay(List<PlanScheduler.Planned> planned) {
        return planned.stream()
                .collect(Collectors.groupingBy(
                        PlanScheduler.Planned::date, Collectors.summingInt(PlanScheduler.Planned::minutes)));
    }

    @Nested
    class Coverage {

        @ParameterizedTest
        @CsvSource({"30, 30, 60", "120, 300, 240", "10, 8, 60", "3, 4, 120", "60, 100, 90"})
        void learnsEverySectionCompletelyBeforeTheBuffer(int days, int sections, int daily) {
            List<PlanScheduler.Item> items = sections(sections, days);
            int total =
                    items.stream().mapToInt(PlanScheduler.Item::learnMinutes).sum();
            int learnDays = scheduler.learnDays(days);
            daily = Math.max(daily, (total + learnDays - 1) / learnDays); // feasible by construction
            LocalDate exam = START.plusDays(days);
            List<PlanScheduler.Planned> planned = scheduler.plan(request(exam, daily, items));

            LocalDate lastLearnDay = START.plusDays(learnDays - 1L);
            Map<UUID, Integer> learned = new HashMap<>();
            for (PlanScheduler.Planned p : planned) {
                if (p.kind() == SessionKind.LEARN) {
                    learned.merge(p.sectionId(), p.minutes(), Integer::sum);
                    assertThat(p.date()).isBeforeOrEqualTo(lastLearnDay);
                }
                assertThat(p.date()).isBefore(exam).isAfterOrEqualTo(START);
                assertThat(p.minutes()).isPositive();
            }
            for (PlanScheduler.Item item : items) {
                assertThat(learned.get(item.sectionId())).as(item.title()).isEqualTo(item.learnMinutes());
            }
        }

        @Test
        void learnsInDocumentOrder() {
            List<PlanScheduler.Item> items = sections(40, 7);
            List<PlanScheduler.Planned> planned = scheduler.plan(request(START.plusDays(40), 90, items));
            List<UUID> order = planned.stream()
                    .filter(p -> p.kind() == SessionKind.LEARN)
                    .map(PlanScheduler.Planned::sectionId)
                    .distinct()
                    .toList();
            assertThat(order)
                    .containsExactlyElementsOf(
                            items.stream().map(PlanScheduler.Item::sectionId).toList());
        }

        @Test
        void keepsTheBufferBeforeTheExamForReviewAndPracticeExams() {
            List<PlanScheduler.Planned> planned = scheduler.plan(request(START.plusDays(40), 120, sections(30, 3)));
            int buffer = scheduler.bufferDays(40);
            assertThat(buffer).isEqualTo(6); // round(40 * 0.15)
            LocalDate bufferStart = START.plusDays(40 - buffer);
            long practiceInBuffer = planned.stream()
                    .filter(p ->
                            p.kind() == SessionKind.PRACTICE_EXAM && !p.date().isBefore(bufferStart))
                    .count();
            long practiceBefore = planned.stream()
                    .filter(p ->
                            p.kind() == SessionKind.PRACTICE_EXAM && p.date().isBefore(bufferStart))
                    .count();
            assertThat(practiceInBuffer).isEqualTo(buffer); // one a day near the exam
            assertThat(practiceBefore).isLessThanOrEqualTo((40 - buffer) / 7); // weekly before
            assertThat(planned.stream().filter(p -> p.kind() == SessionKind.LEARN))
                    .allMatch(p -> p.date().isBefore(bufferStart));
        }
    }

    @Nested
    class Budget {

        @ParameterizedTest
        @CsvSource({"10, 20, 10", "30, 40, 25", "45, 120, 45", "120, 300, 240", "14, 6, 720", "7, 30, 600"})
        void neverExceedsTheDailyBudget(int days, int sections, int daily) {
            List<PlanScheduler.Item> items = sections(sections, days * 31 + daily);
            PlanScheduler.Request request = new PlanScheduler.Request(
                    UUID.randomUUID(), START, START.plusDays(days), daily, items, Map.of(), Set.of(), true);
            List<PlanScheduler.Planned> planned = scheduler.plan(request);
            assertThat(planned).isNotEmpty();
            assertThat(minutesPerDay(planned).values()).allMatch(m -> m <= daily);
        }

        @Test
        void countsMinutesAlreadyDoneAgainstTheirDay() {
            Map<LocalDate, Integer> used = Map.of(START, 50, START.plusDays(1), 60);
            PlanScheduler.Request request = new PlanScheduler.Request(
                    UUID.randomUUID(), START, START.plusDays(20), 60, sections(15, 1), used, Set.of(), true);
            Map<LocalDate, Integer> perDay = minutesPerDay(scheduler.plan(request));
            assertThat(perDay.getOrDefault(START, 0)).isLessThanOrEqualTo(10);
            assertThat(perDay.getOrDefault(START.plusDays(1), 0)).isZero();
        }

        @Test
        void aBestEffortReplanDropsWhatCannotFitInsteadOfOverbooking() {
            PlanScheduler.Request request = new PlanScheduler.Request(
                    UUID.randomUUID(), START, START.plusDays(3), 30, sections(20, 2), Map.of(), Set.of(), true);
            List<PlanScheduler.Planned> planned = scheduler.plan(request);
            assertThat(minutesPerDay(planned).values()).allMatch(m -> m <= 30);
            assertThat(planned.stream().mapToInt(PlanScheduler.Planned::minutes).sum())
                    .isEqualTo(90);
        }
    }

    @Nested
    class Reviews {

        @Test
        void areSpacedByFsrsIntervalsFromTheDayTheSectionWasLearned() {
            UUID id = UUID.randomUUID();
            PlanScheduler.Item item = new PlanScheduler.Item(id, "Limits", 30, 8, null, null);
            List<PlanScheduler.Planned> planned = scheduler.plan(request(START.plusDays(120), 60, List.of(item)));

            List<LocalDate> reviews = planned.stream()
                    .filter(p -> p.kind() == SessionKind.REVIEW)
                    .map(PlanScheduler.Planned::date)
                    .toList();
            LocalDate learned = planned.stream()
                    .filter(p -> p.kind() == SessionKind.LEARN)
                    .map(PlanScheduler.Planned::date)
                    .reduce((a, b) -> b)
                    .orElseThrow();
            // Expected: first Good on the learning day, then each review a Good after the FSRS interval.
            List<LocalDate> expected = new ArrayList<>();
            MemoryState state = fsrs.first(Rating.GOOD);
            LocalDate last = learned;
            LocalDate next = last.plusDays(fsrs.nextIntervalDays(state.stability()));
            while (next.isBefore(START.plusDays(120))) {
                expected.add(next);
                state = fsrs.review(state, next.toEpochDay() - last.toEpochDay(), Rating.GOOD);
                last = next;
                next = last.plusDays(fsrs.nextIntervalDays(state.stability()));
            }
            assertThat(reviews).containsExactlyElementsOf(expected);
            assertThat(reviews.get(0)).isEqualTo(learned.plusDays(2)); // S0(Good) = 2.3065 -> 2 days
            assertThat(reviews).hasSizeGreaterThanOrEqualTo(3); // 2, 11, 46 days apart with the defaults
        }

        @Test
        void aPoorExamBringsTheNextReviewForwardAndAddsReviews() {
            UUID id = UUID.randomUUID();
            MemoryState learned = fsrs.first(Rating.GOOD);
            MemoryState poor = fsrs.review(learned, 3, Rating.AGAIN);
            MemoryState strong = fsrs.review(learned, 3, Rating.EASY);
            LocalDate examDay = START.minusDays(1);

            List<LocalDate> afterPoor = reviewDates(new PlanScheduler.Item(id, "Series", 0, 8, poor, examDay));
            List<LocalDate> afterStrong = reviewDates(new PlanScheduler.Item(id, "Series", 0, 8, strong, examDay));

            assertThat(afterPoor.get(0)).isBefore(afterStrong.get(0));
            assertThat(afterPoor).hasSizeGreaterThan(afterStrong.size());
        }

        private List<LocalDate> reviewDates(PlanScheduler.Item item) {
            return scheduler.plan(request(START.plusDays(60), 60, List.of(item))).stream()
                    .filter(p -> p.kind() == SessionKind.REVIEW)
                    .map(PlanScheduler.Planned::date)
                    .toList();
        }

        @Test
        void aSectionFailedInAnExamBeforeItWasStudiedComesBackNoLaterAndSoonerAfterwardsThanANewOne() {
            // Failed (Again) in an exam 5 days before the plan starts, not learned yet.
            MemoryState failed = fsrs.first(Rating.AGAIN);
            PlanScheduler.Item weak =
                    new PlanScheduler.Item(UUID.randomUUID(), "Weak", 30, 8, failed, START.minusDays(5));
            PlanScheduler.Item fresh = new PlanScheduler.Item(UUID.randomUUID(), "New", 30, 8, null, null);

            List<LocalDate> weakReviews = reviewDates(weak);
            List<LocalDate> freshReviews = reviewDates(fresh);
            // Plain FSRS would give the weak one S = 3.18 days after learning (a long gap rewards recall); the cap
            // keeps S = 2.3065 and the exam's higher difficulty makes the later intervals grow more slowly.
            assertThat(weakReviews.get(0)).isEqualTo(freshReviews.get(0));
            assertThat(weakReviews.get(1)).isBefore(freshReviews.get(1));
            assertThat(weakReviews).hasSizeGreaterThanOrEqualTo(freshReviews.size());
        }

        @Test
        void learningAfterAnExamNeverYieldsMoreStabilityThanAFreshGoodReview() {
            MemoryState failed = fsrs.first(Rating.AGAIN);
            MemoryState learned = PlanScheduler.afterLearning(fsrs, failed, 5);
            assertThat(fsrs.review(failed, 5, Rating.GOOD).stability()).isGreaterThan(3); // plain FSRS: 3.18
            assertThat(learned.stability()).isEqualTo(fsrs.first(Rating.GOOD).stability());
            assertThat(learned.difficulty())
                    .isGreaterThan(fsrs.first(Rating.GOOD).difficulty());
            // Below the cap, plain FSRS applies (same day: short-term formula, 0.5 -> 0.55).
            MemoryState weakAlready = new MemoryState(0.5, 8);
            assertThat(PlanScheduler.afterLearning(fsrs, weakAlready, 0))
                    .isEqualTo(fsrs.review(weakAlready, 0, Rating.GOOD));
        }

        @Test
        void anOverdueSectionIsReviewedOnTheFirstDay() {
            MemoryState state = new MemoryState(3, 5);
            PlanScheduler.Item item =
                    new PlanScheduler.Item(UUID.randomUUID(), "Old", 0, 8, state, START.minusDays(30));
            List<PlanScheduler.Planned> planned = scheduler.plan(request(START.plusDays(10), 30, List.of(item)));
            assertThat(planned.get(0).kind()).isEqualTo(SessionKind.REVIEW);
            assertThat(planned.get(0).date()).isEqualTo(START);
        }
    }

    @Nested
    class Identity {

        @Test
        void sessionIdsStayTheSameWhenTheSamePlanIsLaidOutAgain() {
            List<PlanScheduler.Item> items = sections(12, 5);
            List<PlanScheduler.Planned> first = scheduler.plan(request(START.plusDays(30), 60, items));
            List<PlanScheduler.Planned> second = scheduler.plan(request(START.plusDays(30), 60, items));
            assertThat(second).containsExactlyElementsOf(first);
            assertThat(first.stream().map(PlanScheduler.Planned::id).distinct()).hasSize(first.size());
        }

        @Test
        void newSessionsNeverReuseTheIdOfADoneSession() {
            List<PlanScheduler.Item> items = sections(12, 5);
            List<PlanScheduler.Planned> first = scheduler.plan(request(START.plusDays(30), 60, items));
            Set<UUID> done = Set.of(first.get(0).id(), first.get(3).id());
            PlanScheduler.Request again = new PlanScheduler.Request(
                    UUID.fromString("00000000-0000-0000-0000-000000000001"),
                    START,
                    START.plusDays(30),
                    60,
                    items,
                    Map.of(),
                    done,
                    false);
            assertThat(scheduler.plan(again))
                    .extracting(PlanScheduler.Planned::id)
                    .doesNotContainAnyElementsOf(done);
        }
    }
}
