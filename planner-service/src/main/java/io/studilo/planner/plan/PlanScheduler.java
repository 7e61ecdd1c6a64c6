package io.studilo.planner.plan;

import io.studilo.planner.PlannerProperties;
import io.studilo.planner.fsrs.Fsrs;
import io.studilo.planner.fsrs.MemoryState;
import io.studilo.planner.fsrs.Rating;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Lays out the sessions of a plan, day by day from the first study day to the day before the exam. Pure: no
 * I/O, no clock.
 *
 * <p>Each day first gets new material (LEARN, in document order) at a pace that finishes everything before the
 * buffer days that precede the exam, then the reviews FSRS says are due (each projected as a Good review, so
 * the intervals grow as the memory stabilises), then a practice exam (weekly before the buffer, daily inside
 * it). No day ever gets more minutes than the daily budget minus what was already done on it.
 */
final class PlanScheduler {

    static final String PRACTICE_EXAM_TITLE = "Practice exam";

    private final Fsrs fsrs;
    private final PlannerProperties.Schedule schedule;

    PlanScheduler(Fsrs fsrs, PlannerProperties.Schedule schedule) {
        this.fsrs = fsrs;
        this.schedule = schedule;
    }

    /**
     * One section to plan.
     *
     * @param learnMinutes minutes of new material still to learn (0 when learned)
     * @param memory FSRS state, or null when never studied
     * @param lastReview when {@code memory} was last updated
     */
    record Item(
            UUID sectionId,
            String title,
            int learnMinutes,
            int reviewMinutes,
            @Nullable MemoryState memory,
            @Nullable LocalDate lastReview) {}

    /**
     * @param usedMinutes minutes of sessions already done, per day (they count against that day's budget)
     * @param takenIds ids of sessions that already exist and must not be produced again
     * @param bestEffort when the material does not fit before the buffer, use the buffer too and drop what
     *     still does not fit (re-plans), instead of assuming the caller checked feasibility (new plans)
     */
    record Request(
            UUID planId,
            LocalDate firstDay,
            LocalDate examDate,
            int dailyMinutes,
            List<Item> items,
            Map<LocalDate, Integer> usedMinutes,
            Set<UUID> takenIds,
            boolean bestEffort) {}

    record Planned(
            UUID id,
            LocalDate date,
            int minutes,
            SessionKind kind,
            @Nullable UUID sectionId,
            String title) {}

    /** Days before the exam kept free of new material, for a plan with this many study days. */
    int bufferDays(int studyDays) {
        if (studyDays < 3 || schedule.bufferFraction() <= 0) {
            return 0;
        }
        int days = (int) Math.round(studyDays * schedule.bufferFraction());
        return Math.min(schedule.maxBufferDays(), Math.max(1, days));
    }

    /** Study days available for new material. */
    int learnDays(int studyDays) {
        return studyDays - bufferDays(studyDays);
    }

    List<Planned> plan(Request request) {
        int days = (int) ChronoUnit.DAYS.between(request.firstDay(), request.examDate());
        if (days <= 0) {
            return List.of();
        }
        int[] free = new int[days];
        for (int i = 0; i < days; i++) {
            int used = request.usedMinutes().getOrDefault(request.firstDay().plusDays(i), 0);
            free[i] = Math.max(0, request.dailyMinutes() - used);
        }
        List<Track> tracks = new ArrayList<>(request.items().size());
        int remaining = 0;
        for (Item item : request.items()) {
            Track track = new Track(item);
            tracks.add(track);
            remaining += track.remaining;
        }
        int lastLearnDay = learnDays(days) - 1;
        if (request.bestEffort() && capacity(free, 0, lastLearnDay) < remaining) {
            lastLearnDay = days - 1;
        }
        // freeAfter[i]: learning capacity of the learn days after day i.
        int[] freeAfter = new int[days + 1];
        for (int i = Math.min(lastLearnDay, days - 1); i >= 0; i--) {
            freeAfter[i] = freeAfter[i + 1] + (i + 1 <= lastLearnDay ? free[i + 1] : 0);
        }

        Emitter out = new Emitter(request.planId(), request.takenIds());
        PriorityQueue<Track> due = new PriorityQueue<>(
                Comparator.comparingInt((Track t) -> t.dueDay).thenComparingDouble(t -> t.memory.stability()));
        for (Track track : tracks) {
            if (track.remaining == 0) {
                track.startReviewing(request.firstDay(), fsrs);
                due.add(track);
            }
        }
        int learned = tracks.size()
                - (int) tracks.stream().filter(t -> t.remaining > 0).count();
        int cursor = 0;
        int lastPractice = 0;
        int learnTarget = Math.max(
                schedule.minSessionMinutes(), (int) Math.floor(request.dailyMinutes() * schedule.learnShare()));

        for (int i = 0; i < days; i++) {
            LocalDate day = request.firstDay().plusDays(i);
            int cap = free[i];

            // 1. New material, in document order.
            if (i <= lastLearnDay && remaining > 0) {
                int must = Math.max(0, remaining - freeAfter[i]);
                int pace = ceilDiv(remaining, lastLearnDay - i + 1);
                int budget = Math.min(cap, Math.max(must, Math.max(pace, learnTarget)));
                int today = 0;
                while (budget > today && cursor < tracks.size()) {
                    Track track = tracks.get(cursor);
                    if (track.remaining == 0) {
                        cursor++;
                        continue;
                    }
                    int take = Math.min(track.remaining, budget - today);
                    if (take < track.remaining) {
                        if (take < schedule.minSessionMinutes() && today >= must) {
                            break; // not worth starting a section for a few minutes
                        }
                        int rest = track.remaining - take;
                        if (rest < schedule.minSessionMinutes() && cap - today >= track.remaining) {
                            take = track.remaining; // finish it rather than leave a scrap for tomorrow
                        }
                    }
                    out.emit(day, take, SessionKind.LEARN, track.sectionId, track.title);
                    today += take;
                    track.remaining -= take;
                    remaining -= take;
                    if (track.remaining == 0) {
                        track.learnedOn(day, i, fsrs);
                        due.add(track);
                        learned++;
                        cursor++;
                    }
                }
                cap -= today;
            }

            // 2. Reviews FSRS says are due, most overdue first.
            List<Track> postponed = new ArrayList<>();
            while (!due.isEmpty() && due.peek().dueDay <= i) {
                Track track = due.poll();
                int minutes = Math.min(track.reviewMinutes, cap);
                if (minutes < Math.min(track.reviewMinutes, schedule.minReviewMinutes())) {
                    postponed.add(track); // no room today: the review waits for the next day with room
                    continue;
                }
                out.emit(day, minutes, SessionKind.REVIEW, track.sectionId, track.title);
                cap -= minutes;
                track.reviewedOn(day, i, fsrs);
                due.add(track);
            }
            due.addAll(postponed);

            // 3. Practice exams: weekly while there is new material, daily in the buffer before the exam.
            boolean inBuffer = i > lastLearnDay;
            if (learned > 0
                    && cap >= schedule.minPracticeExamMinutes()
                    && (inBuffer || i - lastPractice >= schedule.practiceExamEveryDays())) {
                out.emit(
                        day,
                        Math.min(schedule.practiceExamMinutes(), cap),
                        SessionKind.PRACTICE_EXAM,
                        null,
                        PRACTICE_EXAM_TITLE);
                lastPractice = i;
            }
        }
        return out.sessions;
    }

    /**
     * The memory state once a section that already has one (from an exam taken before studying it) has been
     * learned: a Good review, but never more stable than a fresh first Good review. Plain FSRS would reward the
     * long gap since a failed exam with a large stability gain, so a section failed before it was studied would
     * come back later than a new one; capping keeps the higher difficulty (more, shorter intervals afterwards)
     * without that reward.
     */
    static MemoryState afterLearning(Fsrs fsrs, MemoryState memory, double elapsedDays) {
        MemoryState fresh = fsrs.first(Rating.GOOD);
        MemoryState reviewed = fsrs.review(memory, elapsedDays, Rating.GOOD);
        return reviewed.stability() <= fresh.stability()
                ? reviewed
                : new MemoryState(fresh.stability(), reviewed.difficulty());
    }

    private static int capacity(int[] free, int from, int to) {
        int sum = 0;
        for (int i = from; i <= to && i < free.length; i++) {
            sum += free[i];
        }
        return sum;
    }

    private static int ceilDiv(int a, int b) {
        return b <= 0 ? a : (a + b - 1) / b;
    }

    /** A section's progress through the simulation. */
    private static final class Track {
        final UUID sectionId;
        final String title;
        final int reviewMinutes;
        int remaining;

        @Nullable
        MemoryState memoryOrNull;

        @Nullable
        LocalDate lastReview;

        MemoryState memory = new MemoryState(1, 5);
        int dueDay = Integer.MAX_VALUE;

        Track(Item item) {
            this.sectionId = item.sectionId();
            this.title = item.title();
            this.reviewMinutes = item.reviewMinutes();
            this.remaining = Math.max(0, item.learnMinutes());
            this.memoryOrNull = item.memory();
            this.lastReview = item.lastReview();
        }

        /** Already learned before the first day: reviews continue from the stored memory state. */
        void startReviewing(LocalDate firstDay, Fsrs fsrs) {
            if (memoryOrNull == null || lastReview == null) {
                memory = fsrs.first(Rating.GOOD);
                lastReview = firstDay;
            } else {
                memory = memoryOrNull;
            }
            LocalDate next = lastReview.plusDays(fsrs.nextIntervalDays(memory.stability()));
            dueDay = (int) Math.max(0, ChronoUnit.DAYS.between(firstDay, next));
        }

        /** The last part of the section was learned today: that is its first review (or one more). */
        void learnedOn(LocalDate day, int index, Fsrs fsrs) {
            if (memoryOrNull == null || lastReview == null) {
                memory = fsrs.first(Rating.GOOD);
            } else {
                double elapsed = Math.max(0, ChronoUnit.DAYS.between(lastReview, day));
                memory = afterLearning(fsrs, memoryOrNull, elapsed);
            }
            lastReview = day;
            dueDay = index + fsrs.nextIntervalDays(memory.stability());
        }

        void reviewedOn(LocalDate day, int index, Fsrs fsrs) {
            double elapsed = lastReview == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(lastReview, day));
            memory = fsrs.review(memory, elapsed, Rating.GOOD);
            lastReview = day;
            dueDay = index + fsrs.nextIntervalDays(memory.stability());
        }
    }

    /** Gives each session an id derived from (plan, kind, section, n): the same session keeps it across re-plans. */
    private static final class Emitter {
        final UUID planId;
        final Set<UUID> taken;
        final Map<String, Integer> next = new HashMap<>();
        final List<Planned> sessions = new ArrayList<>();

        Emitter(UUID planId, Set<UUID> taken) {
            this.planId = planId;
            this.taken = taken;
        }

        void emit(LocalDate day, int minutes, SessionKind kind, @Nullable UUID sectionId, String title) {
            String key = kind + ":" + (sectionId == null ? "exam" : sectionId);
            UUID id;
            do {
                int n = next.merge(key, 1, Integer::sum) - 1;
                id = UUID.nameUUIDFromBytes((planId + ":" + key + ":" + n).getBytes(StandardCharsets.UTF_8));
            } while (taken.contains(id));
            sessions.add(new Planned(id, day, minutes, kind, sectionId, title));
        }
    }
}
