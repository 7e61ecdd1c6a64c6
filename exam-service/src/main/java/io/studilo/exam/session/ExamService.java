package io.studilo.exam.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.studilo.common.contracts.ExamGraded;
import io.studilo.common.contracts.Exchanges;
import io.studilo.common.web.ProblemException;
import io.studilo.common.web.ProblemType;
import io.studilo.exam.ExamProperties;
import io.studilo.exam.grading.Gradable;
import io.studilo.exam.grading.Grade;
import io.studilo.exam.grading.Grader;
import io.studilo.exam.outbox.Outbox;
import io.studilo.exam.question.Question;
import io.studilo.exam.question.QuestionBankService;
import io.studilo.exam.question.QuestionRepository;
import io.studilo.exam.question.QuestionType;
import io.studilo.exam.question.SectionRef;
import io.studilo.exam.session.ExamApi.AnswerRequest;
import io.studilo.exam.session.ExamApi.AnswerResult;
import io.studilo.exam.session.ExamApi.Citation;
import io.studilo.exam.session.ExamApi.CreateExam;
import io.studilo.exam.session.ExamApi.ExamState;
import io.studilo.exam.session.ExamApi.ExamView;
import io.studilo.exam.session.ExamApi.Mastery;
import io.studilo.exam.session.ExamApi.NextQuestion;
import io.studilo.exam.session.ExamApi.Report;
import io.studilo.exam.session.ExamApi.SectionReport;
import io.studilo.exam.session.ExamRepository.Ability;
import io.studilo.exam.session.ExamRepository.Exam;
import io.studilo.exam.session.ExamRepository.Item;
import io.studilo.exam.session.ExamRepository.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exam sessions. Progressive exams pick each next item from the student's Elo ability (target success rate,
 * current level); fixed exams are a balanced sample across sections and levels drawn up front. Every answer
 * updates the student's ability in the section and the item's difficulty; when the exam ends, {@code
 * ExamGraded} goes into the outbox in the same transaction.
 */
@Service
class ExamService {

    private static final int SNIPPET_LENGTH = 300;

    private final ExamRepository exams;
    private final QuestionRepository questions;
    private final QuestionBankService banks;
    private final Grader grader;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final ExamProperties.Limits limits;
    private final Elo elo;

    ExamService(
            ExamRepository exams,
            QuestionRepository questions,
            QuestionBankService banks,
            Grader grader,
            Outbox outbox,
            TransactionTemplate tx,
            MeterRegistry meters,
            ExamProperties properties) {
        this.exams = exams;
        this.questions = questions;
        this.banks = banks;
        this.grader = grader;
        this.outbox = outbox;
        this.tx = tx;
        this.meters = meters;
        this.limits = properties.limits();
        this.elo = new Elo(properties.rating());
    }

    ExamView create(UUID owner, CreateExam request) {
        List<UUID> documentIds = request.documentIds() == null ? List.of() : request.documentIds();
        List<UUID> sectionIds = request.sectionIds() == null ? List.of() : request.sectionIds();
        int count = request.questionCount() == null ? limits.defaultQuestionCount() : request.questionCount();
        checkLimits(documentIds, sectionIds, count);
        for (UUID document : new LinkedHashSet<>(documentIds)) {
            if (banks.generate(owner, document, null, null) == QuestionBankService.Outcome.NO_NOTES) {
                throw ProblemException.notFound("Document " + document);
            }
        }
        List<SectionRef> available = questions.sections(owner, documentIds);
        List<UUID> scope = new ArrayList<>();
        if (sectionIds.isEmpty()) {
            available.forEach(s -> scope.add(s.sectionId()));
        } else {
            Set<UUID> known = new LinkedHashSet<>();
            available.forEach(s -> known.add(s.sectionId()));
            for (UUID section : new LinkedHashSet<>(sectionIds)) {
                if (!known.contains(section)) {
                    throw ProblemException.notFound("Section " + section);
                }
                scope.add(section);
            }
        }
        if (scope.isEmpty()) {
            throw new ProblemException(
                    ProblemType.UNPROCESSABLE,
                    "There are no questions yet: upload notes and wait until they are ready.");
        }
        ExamRepository.Mode mode = ExamRepository.Mode.valueOf(request.mode().name());
        return tx.execute(status -> {
            UUID id = UUID.randomUUID();
            int level;
            int questionCount;
            List<Question> fixedItems = List.of();
            if (mode == ExamRepository.Mode.PROGRESSIVE) {
                level = elo.startLevel(meanAbility(owner, scope));
                questionCount = Math.min(count, available(owner, scope));
            } else {
                fixedItems = balancedSample(owner, scope, count, id);
                level = fixedItems.get(0).level();
                questionCount = fixedItems.size();
            }
            Exam exam = new Exam(id, owner, mode, Status.IN_PROGRESS, level, questionCount, 0, 0, 0, 0, 0);
            exams.insert(exam, scope);
            for (int i = 0; i < fixedItems.size(); i++) {
                exams.addItem(id, fixedItems.get(i).id(), i);
            }
            return new ExamView(id, exam.status().name(), level, questionCount, 0);
        });
    }

    /** The current question (the same one until it is answered), or empty when the exam is over. */
    Optional<NextQuestion> next(UUID owner, UUID examId) {
        return tx.execute(status -> {
            Exam exam = exams.lock(owner, examId).orElseThrow(() -> ProblemException.notFound("Exam"));
            if (exam.status() == Status.FINISHED) {
                return Optional.<NextQuestion>empty();
            }
            List<Item> items = exams.items(examId);
            Optional<Item> current = items.stream().filter(i -> !i.answered()).findFirst();
            Question question;
            if (current.isPresent()) {
                question = questions.find(owner, current.get().questionId()).orElseThrow();
            } else {
                Optional<Question> picked = exam.mode() == ExamRepository.Mode.PROGRESSIVE
                        ? pickProgressive(owner, exam, items)
                        : Optional.empty();
                if (picked.isEmpty()) {
                    finish(exam);
                    return Optional.<NextQuestion>empty();
                }
                question = picked.get();
                exams.addItem(examId, question.id(), items.size());
            }
            return Optional.of(new NextQuestion(
                    question.id(),
                    question.type().name(),
                    question.level(),
                    question.prompt(),
                    question.options().isEmpty() ? null : question.options()));
        });
    }

    AnswerResult answer(UUID owner, UUID examId, AnswerRequest request) {
        if (request.answer().length() > limits.maxAnswerLength()) {
            throw new ProblemException(
                    ProblemType.VALIDATION, "An answer may have at most " + limits.maxAnswerLength() + " characters.");
        }
        return tx.execute(status -> {
            Exam exam = exams.lock(owner, examId).orElseThrow(() -> ProblemException.notFound("Exam"));
            if (exam.status() == Status.FINISHED) {
                throw new ProblemException(ProblemType.CONFLICT, "This exam is over.");
            }
            Item item = exams.items(examId).stream()
                    .filter(i -> i.questionId().equals(request.questionId()))
                    .findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Question"));
            if (item.answered()) {
                throw new ProblemException(ProblemType.CONFLICT, "This question has already been answered.");
            }
            Question q =
                    questions.find(owner, item.questionId()).orElseThrow(() -> ProblemException.notFound("Question"));
            Grade grade = grader.grade(
                    new Gradable(q.type(), q.prompt(), q.answer(), q.keyTerms(), q.passage()), request.answer());
            meters.counter(
                            "studilo.exam.answers.graded",
                            "type",
                            q.type().name(),
                            "outcome",
                            grade.correct() ? "correct" : "incorrect")
                    .increment();

            Ability ability = exams.ability(owner, q.sectionId())
                    .orElse(new Ability(q.sectionId(), q.documentId(), q.sectionTitle(), 0, 0, 0));
            Elo.Update update =
                    elo.update(ability.rating(), ability.answered(), q.difficulty(), q.attempts(), grade.score());
            questions.recordAttempt(owner, q.id(), update.difficulty());
            exams.saveAbility(
                    owner,
                    new Ability(
                            ability.sectionId(),
                            ability.documentId(),
                            ability.title(),
                            update.ability(),
                            ability.answered() + 1,
                            ability.correct() + (grade.correct() ? 1 : 0)));
            exams.answerItem(examId, q.id(), request.answer(), grade.score(), grade.correct());

            int level = q.level();
            int streak = exam.streak();
            if (exam.mode() == ExamRepository.Mode.PROGRESSIVE) {
                Elo.Step step = elo.step(exam.level(), exam.streak(), grade.correct());
                level = step.level();
                streak = step.streak();
            }
            int settled = elo.isSmallChange(update.abilityChange()) ? exam.settled() + 1 : 0;
            int answered = exam.answered() + 1;
            boolean over = answered >= exam.questionCount()
                    || (exam.mode() == ExamRepository.Mode.PROGRESSIVE && elo.settled(answered, settled));
            Exam updated = new Exam(
                    exam.id(),
                    owner,
                    exam.mode(),
                    exam.status(),
                    level,
                    exam.questionCount(),
                    answered,
                    exam.correct() + (grade.correct() ? 1 : 0),
                    exam.scoreSum() + grade.score(),
                    streak,
                    settled);
            exams.update(updated);
            if (over) {
                finish(updated);
            }
            return new AnswerResult(
                    grade.correct(),
                    grade.score(),
                    grade.feedback(),
                    expectedAnswer(q),
                    new Citation(q.documentId(), q.page(), snippet(q.passage())),
                    level);
        });
    }

    ExamState state(UUID owner, UUID examId) {
        Exam exam = exams.find(owner, examId).orElseThrow(() -> ProblemException.notFound("Exam"));
        return new ExamState(
                exam.id(),
                exam.status().name(),
                exam.level(),
                exam.questionCount(),
                exam.answered(),
                round(exam.score()));
    }

    Report report(UUID owner, UUID examId) {
        Exam exam = exams.find(owner, examId).orElseThrow(() -> ProblemException.notFound("Exam"));
        List<SectionReport> sections = new ArrayList<>();
        for (ExamRepository.SectionResult r : exams.results(owner, examId)) {
            double rating =
                    exams.ability(owner, r.sectionId()).map(Ability::rating).orElse(0.0);
            sections.add(
                    new SectionReport(r.sectionId(), r.title(), r.answered(), r.correct(), round(elo.mastery(rating))));
        }
        return new Report(round(exam.score()), sections);
    }

    List<Mastery> mastery(UUID owner) {
        return exams.abilities(owner).stream()
                .map(a -> new Mastery(
                        a.sectionId(), a.documentId(), a.title(), round(elo.mastery(a.rating())), a.answered()))
                .toList();
    }

    private void finish(Exam exam) {
        Exam finished = new Exam(
                exam.id(),
                exam.ownerId(),
                exam.mode(),
                Status.FINISHED,
                exam.level(),
                exam.questionCount(),
                exam.answered(),
                exam.correct(),
                exam.scoreSum(),
                exam.streak(),
                exam.settled());
        exams.update(finished);
        List<ExamGraded.SectionResult> results = new ArrayList<>();
        for (ExamRepository.SectionResult r : exams.results(exam.ownerId(), exam.id())) {
            if (r.answered() == 0) {
                continue;
            }
            double rating = exams.ability(exam.ownerId(), r.sectionId())
                    .map(Ability::rating)
                    .orElse(0.0);
            results.add(new ExamGraded.SectionResult(
                    r.sectionId(),
                    r.documentId(),
                    r.answered(),
                    r.correct(),
                    round(r.score()),
                    round(elo.mastery(rating))));
        }
        UUID eventId = UUID.randomUUID();
        outbox.add(
                eventId,
                Exchanges.EXAM_GRADED,
                new ExamGraded(eventId, exam.ownerId(), exam.id(), results, Instant.now()));
    }

    private Optional<Question> pickProgressive(UUID owner, Exam exam, List<Item> items) {
        List<UUID> scope = exams.sections(exam.id());
        List<UUID> used = items.stream().map(Item::questionId).toList();
        Map<UUID, Double> abilities = exams.ratings(owner, scope);
        Map<UUID, Integer> served = exams.servedBySection(owner, exam.id());
        // The current level first, then easier, then harder: never skip ahead of the student.
        for (int distance = 0; distance < QuestionType.MAX_LEVEL; distance++) {
            for (int level : new int[] {exam.level() - distance, exam.level() + distance}) {
                if (level < QuestionType.MIN_LEVEL || level > QuestionType.MAX_LEVEL) {
                    continue;
                }
                Optional<Question> pick = elo.pick(questions.candidates(owner, scope, level, used), abilities, served);
                if (pick.isPresent()) {
                    return pick;
                }
                if (distance == 0) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** Round-robin over sections, cycling levels 1..4 within each; random within a (section, level) cell. */
    private List<Question> balancedSample(UUID owner, List<UUID> scope, int count, UUID seed) {
        Random random = new Random(seed.getMostSignificantBits());
        Map<UUID, Map<Integer, List<Question>>> cells = new HashMap<>();
        for (int level = QuestionType.MIN_LEVEL; level <= QuestionType.MAX_LEVEL; level++) {
            for (Question q : questions.candidates(owner, scope, level, List.of())) {
                cells.computeIfAbsent(q.sectionId(), s -> new HashMap<>())
                        .computeIfAbsent(level, l -> new ArrayList<>())
                        .add(q);
            }
        }
        cells.values().forEach(byLevel -> byLevel.values().forEach(list -> Collections.shuffle(list, random)));
        // Sections in a seeded random order, each starting its level cycle one level further: an exam shorter than
        // the notes have sections still spreads over the whole notes and over every level, not over the first
        // sections' easiest questions.
        List<UUID> sections = new ArrayList<>(scope);
        Collections.shuffle(sections, random);
        List<Question> sample = new ArrayList<>();
        int[] nextLevel = new int[sections.size()];
        Arrays.setAll(nextLevel, s -> s);
        boolean progress = true;
        while (sample.size() < count && progress) {
            progress = false;
            for (int s = 0; s < sections.size() && sample.size() < count; s++) {
                Map<Integer, List<Question>> byLevel = cells.getOrDefault(sections.get(s), Map.of());
                for (int tries = 0; tries < QuestionType.MAX_LEVEL; tries++) {
                    int level = nextLevel[s] % QuestionType.MAX_LEVEL + 1;
                    nextLevel[s]++;
                    List<Question> cell = byLevel.get(level);
                    if (cell != null && !cell.isEmpty()) {
                        sample.add(cell.remove(cell.size() - 1));
                        progress = true;
                        break;
                    }
                }
            }
        }
        if (sample.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "There are no questions for this selection.");
        }
        sample.sort(Comparator.comparingInt(Question::level)); // easy to hard
        return sample;
    }

    private int available(UUID owner, List<UUID> scope) {
        return questions.count(owner, scope);
    }

    private double meanAbility(UUID owner, List<UUID> scope) {
        Map<UUID, Double> ratings = exams.ratings(owner, scope);
        return scope.stream()
                .mapToDouble(s -> ratings.getOrDefault(s, 0.0))
                .average()
                .orElse(0);
    }

    private void checkLimits(List<UUID> documentIds, List<UUID> sectionIds, int count) {
        if (documentIds.size() > limits.maxDocumentIds()) {
            throw new ProblemException(
                    ProblemType.VALIDATION, "At most " + limits.maxDocumentIds() + " documents per exam.");
        }
        if (sectionIds.size() > limits.maxSectionIds()) {
            throw new ProblemException(
                    ProblemType.VALIDATION, "At most " + limits.maxSectionIds() + " sections per exam.");
        }
        if (count < 1 || count > limits.maxQuestionCount()) {
            throw new ProblemException(
                    ProblemType.VALIDATION, "questionCount must be between 1 and " + limits.maxQuestionCount() + ".");
        }
    }

    private static String expectedAnswer(Question q) {
        return q.type() == QuestionType.SHORT_ANSWER ? q.passage() : q.answer();
    }

    private static String snippet(String passage) {
        return passage.length() <= SNIPPET_LENGTH ? passage : passage.substring(0, SNIPPET_LENGTH - 1) + "…";
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
