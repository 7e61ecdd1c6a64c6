package io.studilo.planner.plan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.studilo.common.contracts.ExamGraded;
import io.studilo.common.web.ProblemException;
import io.studilo.common.web.ProblemType;
import io.studilo.planner.PlannerProperties;
import io.studilo.planner.fsrs.Fsrs;
import io.studilo.planner.fsrs.MemoryState;
import io.studilo.planner.fsrs.Rating;
import io.studilo.planner.material.MaterialChanged;
import io.studilo.planner.material.SectionCatalog;
import io.studilo.planner.material.StudySection;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates plans, keeps them in step with what the student did (completed sessions, exam results, deleted
 * documents) and re-plans their future.
 */
@Service
class PlanService {

    private static final Logger log = LoggerFactory.getLogger(PlanService.class);

    private final PlanRepository plans;
    private final MemoryRepository memories;
    private final SectionCatalog catalog;
    private final PlannerProperties properties;
    private final Clock clock;
    private final Fsrs fsrs;
    private final PlanScheduler scheduler;
    private final Estimator estimator;
    private final MeterRegistry meters;
    private final Counter created;

    PlanService(
            PlanRepository plans,
            MemoryRepository memories,
            SectionCatalog catalog,
            PlannerProperties properties,
            Clock clock,
            Fsrs fsrs,
            MeterRegistry meters) {
        this.plans = plans;
        this.memories = memories;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
        this.fsrs = fsrs;
        this.scheduler = new PlanScheduler(fsrs, properties.schedule());
        this.estimator = new Estimator(properties);
        this.meters = meters;
        this.created = Counter.builder("studilo.planner.plans.created")
                .description("Study plans created")
                .register(meters);
    }

    /** A new plan from the request; every rejection says why and what would work. */
    @Transactional
    Plan create(UUID ownerId, CreatePlanRequest request) {
        PlannerProperties.Limits limits = properties.limits();
        int daily = request.dailyMinutes();
        if (daily < limits.minDailyMinutes() || daily > limits.maxDailyMinutes()) {
            throw invalid(
                    "dailyMinutes must be between %d and %d.", limits.minDailyMinutes(), limits.maxDailyMinutes());
        }
        ZoneId zone = zone(request.timeZone());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate start = request.startDate() == null ? today : request.startDate();
        if (start.isBefore(today)) {
            throw invalid("startDate %s is in the past (today is %s in %s).", start, today, zone.getId());
        }
        LocalDate exam = request.examDate();
        if (exam.isBefore(today)) {
            throw new ProblemException(
                    PlanProblems.INFEASIBLE,
                    "The exam date %s is in the past (today is %s in %s). Choose a future exam date."
                            .formatted(exam, today, zone.getId()));
        }
        if (!exam.isAfter(start)) {
            throw new ProblemException(
                    PlanProblems.INFEASIBLE,
                    "The exam date %s leaves no day to study from %s: choose an exam date after %s."
                            .formatted(exam, start, start));
        }
        int studyDays = (int) ChronoUnit.DAYS.between(start, exam);
        long daysAway = ChronoUnit.DAYS.between(today, exam);
        if (daysAway > limits.maxHorizonDays()) {
            throw invalid(
                    "The exam is %d days away; a plan covers at most %d days.", daysAway, limits.maxHorizonDays());
        }
        if (plans.countUpcoming(ownerId, today) >= limits.maxPlansPerOwner()) {
            throw new ProblemException(
                    ProblemType.UNPROCESSABLE,
                    "You already have %d plans for exams still ahead, the most allowed."
                            .formatted(limits.maxPlansPerOwner()));
        }
        List<UUID> documentIds = documents(ownerId, request.documentIds());
        List<StudySection> sections = sections(ownerId, documentIds);
        if (sections.isEmpty()) {
            throw new ProblemException(
                    PlanProblems.NO_MATERIAL,
                    "Your documents have no sections to study yet. Wait until their processing has finished.");
        }
        if (sections.size() > limits.maxSectionsPerPlan()) {
            throw invalid(
                    "The documents have %d sections; a plan covers at most %d. Choose fewer documentIds.",
                    sections.size(), limits.maxSectionsPerPlan());
        }
        Map<UUID, Memory> memory = memories.find(ownerId, ids(sections));
        List<PlanScheduler.Item> items = items(sections, memory, Map.of());
        int learnMinutes =
                items.stream().mapToInt(PlanScheduler.Item::learnMinutes).sum();
        int learnDays = scheduler.learnDays(studyDays);
        if (learnMinutes > learnDays * daily) {
            throw new ProblemException(
                    PlanProblems.INFEASIBLE, infeasible(learnMinutes, studyDays, daily, start, exam));
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it
        Plan plan = new Plan(UUID.randomUUID(), ownerId, exam, daily, start, zone, documentIds, 0, now, now, List.of());
        plans.insert(plan);
        Timer.Sample sample = Timer.start(meters);
        List<PlanScheduler.Planned> planned = scheduler.plan(
                new PlanScheduler.Request(plan.id(), start, exam, daily, items, Map.of(), Set.of(), false));
        List<Plan.Session> sessions = sessions(planned, 0);
        plans.replaceUpcoming(plan.id(), sessions, now);
        sample.stop(generationTimer("create"));
        created.increment();
        log.info(
                "Plan {} created: {} sections, {} sessions over {} days",
                plan.id(),
                sections.size(),
                planned.size(),
                studyDays);
        // What was just stored (replaceUpcoming made it revision 1), without reading it back.
        return new Plan(
                plan.id(), ownerId, exam, daily, start, zone, documentIds, plan.revision() + 1, now, now, sessions);
    }

    @Transactional(readOnly = true)
    List<Plan> list(UUID ownerId) {
        return plans.findAll(ownerId);
    }

    @Transactional(readOnly = true)
    Plan get(UUID ownerId, UUID planId) {
        return plans.find(ownerId, planId).orElseThrow(() -> ProblemException.notFound("Plan"));
    }

    /** Per-section progress of a plan: what FSRS and the last exam say about each section. */
    @Transactional(readOnly = true)
    List<SectionProgress> progress(Plan plan) {
        List<StudySection> sections = sections(plan.ownerId(), plan.documentIds());
        Map<UUID, Memory> memory = memories.find(plan.ownerId(), ids(sections));
        Map<UUID, Integer> learned = learnedMinutes(plan);
        List<SectionProgress> progress = new ArrayList<>(sections.size());
        for (StudySection s : sections) {
            Memory m = memory.get(s.sectionId());
            progress.add(new SectionProgress(
                    s.sectionId(),
                    s.documentId(),
                    s.title(),
                    estimator.learnMinutes(s),
                    learned.getOrDefault(s.sectionId(), 0),
                    m == null ? null : m.mastery(),
                    m == null ? null : round(m.state().stability()),
                    m == null ? null : round(m.state().difficulty()),
                    m == null ? null : m.lastReview(),
                    m == null
                            ? null
                            : m.lastReview()
                                    .plusDays(fsrs.nextIntervalDays(m.state().stability()))));
        }
        return progress;
    }

    /** Marks a session done (idempotent), counts it as a review, and re-plans the future. */
    @Transactional
    Plan complete(UUID ownerId, UUID planId, UUID sessionId) {
        plans.lockOwner(ownerId);
        Plan plan = plans.lock(ownerId, planId).orElseThrow(() -> ProblemException.notFound("Plan"));
        Plan.Session session = plan.sessions().stream()
                .filter(s -> s.id().equals(sessionId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Session"));
        if (session.done()) {
            return get(ownerId, planId);
        }
        Instant now = clock.instant();
        plans.complete(planId, sessionId, now);
        LocalDate today = LocalDate.now(clock.withZone(plan.timeZone()));
        UUID sectionId = session.sectionId();
        if (sectionId != null) {
            boolean countsAsReview = session.kind() == SessionKind.REVIEW
                    || (session.kind() == SessionKind.LEARN
                            && plan.sessions().stream()
                                    .noneMatch(s -> !s.done()
                                            && !s.id().equals(sessionId)
                                            && s.kind() == SessionKind.LEARN
                                            && sectionId.equals(s.sectionId())));
            if (countsAsReview) {
                review(ownerId, sectionId, today, Rating.GOOD, null, now, session.kind() == SessionKind.LEARN);
            }
        }
        replan(plans.lock(ownerId, planId).orElseThrow(), "session-completed");
        return get(ownerId, planId);
    }

    /** Turns exam results into FSRS reviews, then re-plans every plan whose exam is still ahead. */
    @Transactional
    void onExamGraded(ExamGraded event) {
        plans.lockOwner(event.ownerId());
        LocalDate day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
        Set<UUID> known = new HashSet<>(catalog.ownedSectionIds(
                event.ownerId(),
                event.sections().stream()
                        .map(ExamGraded.SectionResult::sectionId)
                        .toList()));
        Instant now = clock.instant();
        int reviewed = 0;
        for (ExamGraded.SectionResult result : event.sections()) {
            if (result.answered() <= 0 || !known.contains(result.sectionId())) {
                continue;
            }
            review(
                    event.ownerId(),
                    result.sectionId(),
                    day,
                    rating(properties.grading(), result.score()),
                    clamp01(result.mastery()),
                    now,
                    false);
            reviewed++;
        }
        if (reviewed > 0) {
            replanAll(event.ownerId(), "exam-graded");
        }
    }

    /** Sections of a deleted or re-ingested document leave the memory, and the plans follow the new material. */
    @EventListener
    void onMaterialChanged(MaterialChanged event) {
        plans.lockOwner(event.ownerId());
        memories.delete(event.ownerId(), event.removedSectionIds());
        replanAll(event.ownerId(), "material-changed");
    }

    /** An exam score (0..1) as an FSRS rating, by the thresholds in the properties. */
    static Rating rating(PlannerProperties.Grading g, double score) {
        if (score < g.again()) {
            return Rating.AGAIN;
        }
        if (score < g.hard()) {
            return Rating.HARD;
        }
        return score < g.good() ? Rating.GOOD : Rating.EASY;
    }

    private void replanAll(UUID ownerId, String reason) {
        LocalDate yesterday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
        for (UUID planId : plans.activePlanIds(ownerId, yesterday)) {
            plans.lock(ownerId, planId).ifPresent(plan -> replan(plan, reason));
        }
    }

    /** Re-plans everything not yet done, from today; done sessions stay as they were. */
    private void replan(Plan plan, String reason) {
        LocalDate today = LocalDate.now(clock.withZone(plan.timeZone()));
        LocalDate first = plan.startDate().isAfter(today) ? plan.startDate() : today;
        if (!plan.examDate().isAfter(first)) {
            return; // the exam has come: the plan is history
        }
        Timer.Sample sample = Timer.start(meters);
        List<StudySection> sections = sections(plan.ownerId(), plan.documentIds());
        Map<UUID, Memory> memory = memories.find(plan.ownerId(), ids(sections));
        List<PlanScheduler.Item> items = items(sections, memory, learnedMinutes(plan));
        Map<LocalDate, Integer> used = new HashMap<>();
        Set<UUID> taken = new HashSet<>();
        int position = 0;
        for (Plan.Session s : plan.sessions()) {
            if (s.done()) {
                used.merge(s.day(), s.minutes(), Integer::sum);
                taken.add(s.id());
                position = Math.max(position, s.position() + 1);
            }
        }
        List<PlanScheduler.Planned> planned = scheduler.plan(new PlanScheduler.Request(
                plan.id(), first, plan.examDate(), plan.dailyMinutes(), items, used, taken, true));
        plans.replaceUpcoming(plan.id(), sessions(planned, position), clock.instant());
        sample.stop(generationTimer("replan"));
        meters.counter("studilo.planner.replans", "reason", reason).increment();
        log.info("Plan {} re-planned ({}): {} upcoming sessions", plan.id(), reason, planned.size());
    }

    /**
     * Applies one review to the section's memory. {@code learning}: the section's learning was just completed (see
     * {@link PlanScheduler#afterLearning}, which the projection uses too).
     */
    private void review(
            UUID ownerId,
            UUID sectionId,
            LocalDate day,
            Rating rating,
            @Nullable Double mastery,
            Instant now,
            boolean learning) {
        Memory current = memories.lock(ownerId, sectionId);
        int lapse = rating == Rating.AGAIN ? 1 : 0;
        Memory next;
        if (current == null) {
            next = new Memory(sectionId, fsrs.first(rating), day, 1, lapse, mastery);
        } else {
            double elapsed = Math.max(0, ChronoUnit.DAYS.between(current.lastReview(), day));
            MemoryState state = learning
                    ? PlanScheduler.afterLearning(fsrs, current.state(), elapsed)
                    : fsrs.review(current.state(), elapsed, rating);
            LocalDate last = day.isAfter(current.lastReview()) ? day : current.lastReview();
            next = new Memory(
                    sectionId,
                    state,
                    last,
                    current.reviews() + 1,
                    current.lapses() + lapse,
                    mastery == null ? current.mastery() : mastery);
        }
        memories.save(ownerId, next, now);
    }

    private List<PlanScheduler.Item> items(
            List<StudySection> sections, Map<UUID, Memory> memory, Map<UUID, Integer> learned) {
        double mastered = properties.grading().hard();
        List<PlanScheduler.Item> items = new ArrayList<>(sections.size());
        for (StudySection s : sections) {
            int estimate = estimator.learnMinutes(s);
            Memory m = memory.get(s.sectionId());
            int toLearn = Math.max(0, estimate - learned.getOrDefault(s.sectionId(), 0));
            if (m != null && m.mastery() != null && m.mastery() >= mastered) {
                toLearn = 0; // an exam showed the student knows it: reviews only
            }
            items.add(new PlanScheduler.Item(
                    s.sectionId(),
                    s.title(),
                    toLearn,
                    estimator.reviewMinutes(estimate),
                    m == null ? null : m.state(),
                    m == null ? null : m.lastReview()));
        }
        return items;
    }

    private List<UUID> documents(UUID ownerId, @Nullable List<UUID> requested) {
        if (requested == null || requested.isEmpty()) {
            List<UUID> all = catalog.documentIds(ownerId);
            if (all.isEmpty()) {
                throw new ProblemException(
                        PlanProblems.NO_MATERIAL,
                        "You have no processed documents yet: upload your notes and wait until they are ready.");
            }
            return all;
        }
        if (requested.size() > properties.limits().maxDocumentIds()) {
            throw invalid(
                    "documentIds may name at most %d documents.",
                    properties.limits().maxDocumentIds());
        }
        List<UUID> wanted = List.copyOf(new LinkedHashSet<>(requested));
        Set<UUID> existing = new HashSet<>(catalog.existingDocumentIds(ownerId, wanted));
        List<UUID> missing =
                wanted.stream().filter(id -> !existing.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new ProblemException(
                    PlanProblems.NO_MATERIAL,
                    "These documents are not ready or do not exist: %s."
                            .formatted(missing.stream().map(UUID::toString).collect(Collectors.joining(", "))));
        }
        return wanted;
    }

    /**
     * The sections to study, in document order then reading order. Empty headings (no words, no equations) that
     * only group subsections are left out when their document has sections with content.
     */
    private List<StudySection> sections(UUID ownerId, List<UUID> documentIds) {
        Map<UUID, Integer> order = new HashMap<>();
        for (int i = 0; i < documentIds.size(); i++) {
            order.put(documentIds.get(i), i);
        }
        List<StudySection> all = new ArrayList<>(catalog.sections(ownerId, documentIds));
        all.sort(Comparator.comparingInt((StudySection s) -> order.getOrDefault(s.documentId(), Integer.MAX_VALUE))
                .thenComparingInt(StudySection::ordinal));
        Set<UUID> withContent = all.stream()
                .filter(PlanService::hasContent)
                .map(StudySection::documentId)
                .collect(Collectors.toSet());
        return all.stream()
                .filter(s -> hasContent(s) || !withContent.contains(s.documentId()))
                .toList();
    }

    private static boolean hasContent(StudySection s) {
        return s.wordCount() > 0 || s.equationCount() > 0;
    }

    private String infeasible(int learnMinutes, int studyDays, int daily, LocalDate start, LocalDate exam) {
        int learnDays = scheduler.learnDays(studyDays);
        int needed = (learnMinutes + learnDays - 1) / learnDays;
        int buffer = studyDays - learnDays;
        StringBuilder detail = new StringBuilder(
                "Learning the %d minutes of material in %d study days%s needs at least %d minutes a day; you have %d."
                        .formatted(
                                learnMinutes,
                                learnDays,
                                buffer > 0
                                        ? " (the last %d before the exam are kept for revision)".formatted(buffer)
                                        : "",
                                needed,
                                daily));
        if (needed > properties.limits().maxDailyMinutes()) {
            detail.append(" That is more than the %d minutes a day a plan allows."
                    .formatted(properties.limits().maxDailyMinutes()));
        }
        LocalDate earliest = null;
        for (int days = studyDays + 1; days <= properties.limits().maxHorizonDays(); days++) {
            if ((long) scheduler.learnDays(days) * daily >= learnMinutes) {
                earliest = start.plusDays(days);
                break;
            }
        }
        if (earliest != null) {
            detail.append(" At %d minutes a day the exam would have to be on %s or later.".formatted(daily, earliest));
        } else {
            detail.append(" Choose fewer documents or more minutes a day.");
        }
        return detail.toString();
    }

    private Map<UUID, Integer> learnedMinutes(Plan plan) {
        Map<UUID, Integer> learned = new HashMap<>();
        for (Plan.Session s : plan.sessions()) {
            if (s.done() && s.kind() == SessionKind.LEARN && s.sectionId() != null) {
                learned.merge(s.sectionId(), s.minutes(), Integer::sum);
            }
        }
        return learned;
    }

    private static List<Plan.Session> sessions(List<PlanScheduler.Planned> planned, int firstPosition) {
        List<Plan.Session> sessions = new ArrayList<>(planned.size());
        int position = firstPosition;
        for (PlanScheduler.Planned p : planned) {
            sessions.add(new Plan.Session(
                    p.id(), position++, p.date(), p.minutes(), p.kind(), p.sectionId(), p.title(), false, null));
        }
        return sessions;
    }

    private Timer generationTimer(String trigger) {
        return Timer.builder("studilo.planner.plan.generation")
                .description("Time to lay out (and store) a plan's sessions")
                .tag("trigger", trigger)
                .publishPercentileHistogram()
                .register(meters);
    }

    private static ZoneId zone(@Nullable String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw invalid("timeZone '%s' is not a time zone id (for example Europe/Berlin or UTC).", timeZone);
        }
    }

    private static ProblemException invalid(String detail, Object... args) {
        return new ProblemException(ProblemType.VALIDATION, detail.formatted(args));
    }

    private static List<UUID> ids(List<StudySection> sections) {
        return sections.stream().map(StudySection::sectionId).toList();
    }

    private static double clamp01(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
