package io.studilo.exam.session;

import io.studilo.exam.ExamProperties;
import io.studilo.exam.question.Question;
import io.studilo.exam.question.QuestionType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Elo-style ratings on the logit scale (a Rasch model updated online): a student's ability per section and
 * each item's difficulty move after every attempt by {@code k * (outcome - expected)}, with steps that shrink as
 * attempts accumulate. Items start from a prior per question type. The next item is the one whose predicted
 * success is closest to the target, spreading questions over the exam's sections.
 */
final class Elo {

    /** Result of one rating update. */
    record Update(double ability, double difficulty, double abilityChange) {}

    /** Level and streak after an answer. */
    record Step(int level, int streak) {}

    private static final double SECTION_BALANCE = 0.15;

    private final ExamProperties.Rating rating;

    Elo(ExamProperties.Rating rating) {
        this.rating = rating;
    }

    static double expected(double ability, double difficulty) {
        return 1 / (1 + Math.exp(difficulty - ability));
    }

    /** @param outcome the answer's score, 0..1 (partial credit for short answers) */
    Update update(double ability, int abilityAttempts, double difficulty, int itemAttempts, double outcome) {
        double surprise = outcome - expected(ability, difficulty);
        double abilityStep = rating.abilityK() / (1 + rating.abilityDecay() * abilityAttempts);
        double itemStep = rating.itemK() / (1 + rating.itemDecay() * itemAttempts);
        double change = abilityStep * surprise;
        return new Update(ability + change, difficulty - itemStep * surprise, change);
    }

    double prior(QuestionType type) {
        return switch (type) {
            case TRUE_FALSE -> rating.priorTrueFalse();
            case MULTIPLE_CHOICE -> rating.priorMultipleChoice();
            case CLOZE -> rating.priorCloze();
            case SHORT_ANSWER -> rating.priorShortAnswer();
        };
    }

    /** Mastery 0..1: the predicted success on a typical item, averaged over the four levels. */
    double mastery(double ability) {
        double sum = 0;
        for (QuestionType type : QuestionType.values()) {
            sum += expected(ability, prior(type));
        }
        return sum / QuestionType.values().length;
    }

    /** The hardest level whose typical item the student is still predicted to answer at the target rate. */
    int startLevel(double ability) {
        int level = QuestionType.MIN_LEVEL;
        for (QuestionType type : QuestionType.values()) {
            if (expected(ability, prior(type)) >= rating.targetSuccess()) {
                level = Math.max(level, type.level());
            }
        }
        return level;
    }

    /** Up after enough consecutive correct answers, down after enough consecutive mistakes. */
    Step step(int level, int streak, boolean correct) {
        int next = correct ? Math.max(streak, 0) + 1 : Math.min(streak, 0) - 1;
        if (next >= rating.levelUpAfter() && level < QuestionType.MAX_LEVEL) {
            return new Step(level + 1, 0);
        }
        if (-next >= rating.levelDownAfter() && level > QuestionType.MIN_LEVEL) {
            return new Step(level - 1, 0);
        }
        return new Step(level, next);
    }

    /** Whether a progressive exam may stop early: enough answers and a settled ability estimate. */
    boolean settled(int answered, int settledAnswers) {
        return answered >= rating.minAnswers() && settledAnswers >= rating.settleAnswers();
    }

    boolean isSmallChange(double abilityChange) {
        return Math.abs(abilityChange) < rating.settleDelta();
    }

    /** The candidate with predicted success nearest the target, favouring sections served less so far. */
    Optional<Question> pick(List<Question> candidates, Map<UUID, Double> abilities, Map<UUID, Integer> served) {
        int total = served.values().stream().mapToInt(Integer::intValue).sum();
        return candidates.stream()
                .min(Comparator.comparingDouble((Question q) -> {
                            double p = expected(abilities.getOrDefault(q.sectionId(), 0.0), q.difficulty());
                            double share = (double) served.getOrDefault(q.sectionId(), 0) / (1 + total);
                            return Math.abs(p - rating.targetSuccess()) + SECTION_BALANCE * share;
                        })
                        .thenComparingInt(Question::attempts));
    }
}
