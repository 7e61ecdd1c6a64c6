package io.studilo.exam.grading;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.exam.text.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grades answers. True/false and multiple choice are exact (up to case and spacing). Cloze answers tolerate
 * case, accents, articles, inflection (stems) and small typos. Short answers score 0..1 from three signals:
 * how much of what the student wrote is supported by the passage (or the question), how many of the
 * passage's key terms it covers, and embedding similarity to the passage; an answer that only repeats the
 * question scores low whatever its similarity.
 */
public final class Grader {

    /**
     * @param passMark a short answer at or above this score counts as correct
     * @param supportWeight weight of the share of the answer supported by the passage
     * @param fullCoverage share of key terms that earns full coverage credit
     * @param similarityFloor cosine similarity worth nothing
     * @param similarityCeiling cosine similarity worth full credit
     */
    public record Settings(
            double passMark,
            double supportWeight,
            double fullCoverage,
            double similarityFloor,
            double similarityCeiling) {

        public static final Settings DEFAULTS = new Settings(0.6, 0.75, 0.5, 0.25, 0.75);
    }

    private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "vrai", "wahr", "verdadero");
    private static final Set<String> FALSE = Set.of("false", "f", "no", "n", "faux", "falsch", "falso");
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");
    private static final double ECHO_CAP = 0.2;

    private static final int REFERENCE_CACHE_SIZE = 4096;

    private final EmbeddingModel embeddingModel;
    private final Settings settings;
    /** Embeddings of reference passages: every student answering the same question reuses one. */
    private final Map<String, float[]> references = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > REFERENCE_CACHE_SIZE;
        }
    });

    public Grader(EmbeddingModel embeddingModel, Settings settings) {
        this.embeddingModel = embeddingModel;
        this.settings = settings;
    }

    public Grade grade(Gradable item, String answer) {
        return switch (item.type()) {
            case TRUE_FALSE -> trueFalse(item, answer);
            case MULTIPLE_CHOICE -> exact(item, answer);
            case CLOZE -> cloze(item, answer);
            case SHORT_ANSWER -> shortAnswer(item, answer);
        };
    }

    private static Grade trueFalse(Gradable item, String answer) {
        String given = Text.normalize(answer);
        boolean expectedTrue = item.expected().equalsIgnoreCase("true");
        boolean correct = expectedTrue ? TRUE.contains(given) : FALSE.contains(given);
        String feedback = correct
                ? "Correct."
                : "Not quite: the statement is " + (expectedTrue ? "true" : "false") + ". Your notes say: "
                        + item.reference();
        return new Grade(correct, correct ? 1 : 0, feedback);
    }

    private static Grade exact(Gradable item, String answer) {
        boolean correct = Text.normalize(answer).equals(Text.normalize(item.expected()));
        return new Grade(correct, correct ? 1 : 0, correct ? "Correct." : "The answer is \"" + item.expected() + "\".");
    }

    private static Grade cloze(Gradable item, String answer) {
        if (clozeMatches(item.expected(), answer)) {
            boolean exact = Text.normalize(answer).equals(Text.normalize(item.expected()));
            return new Grade(true, 1, exact ? "Correct." : "Correct (the notes write \"" + item.expected() + "\").");
        }
        return new Grade(false, 0, "The missing term is \"" + item.expected() + "\".");
    }

    /** Same words up to case, accents, articles, inflection and small typos. */
    static boolean clozeMatches(String expected, String answer) {
        List<String> want = withoutArticles(Text.words(expected));
        List<String> got = withoutArticles(Text.words(answer));
        if (want.isEmpty() || got.isEmpty()) {
            return false;
        }
        if (String.join("", want).equals(String.join("", got))) {
            return true;
        }
        if (want.size() != got.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!sameWord(want.get(i), got.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameWord(String expected, String given) {
        if (expected.equals(given) || Text.stem(expected).equals(Text.stem(given))) {
            return true;
        }
        if (expected.chars().anyMatch(Character::isDigit) || given.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        return Text.editDistance(expected, given) <= Text.typoAllowance(expected.length());
    }

    private static List<String> withoutArticles(List<String> words) {
        return words.stream().filter(w -> !ARTICLES.contains(w)).toList();
    }

    private Grade shortAnswer(Gradable item, String answer) {
        List<String> answerWords = contentWords(answer);
        if (answerWords.isEmpty()) {
            return new Grade(false, 0, "No answer given. Your notes say: " + item.reference());
        }
        List<String> referenceWords = contentWords(item.reference());
        List<String> promptWords = contentWords(item.prompt());

        int supported = 0;
        boolean addsSomething = false;
        List<String> unsupported = new ArrayList<>();
        for (String word : answerWords) {
            boolean inReference = matchesAny(word, referenceWords);
            boolean inPrompt = matchesAny(word, promptWords);
            if (inReference || inPrompt) {
                supported++;
                addsSomething |= inReference && !inPrompt;
            } else {
                unsupported.add(word);
            }
        }
        double support = (double) supported / answerWords.size();

        List<String> missing = new ArrayList<>();
        int covered = 0;
        for (String term : item.keyTerms()) {
            if (contentWords(term).stream().allMatch(w -> matchesAny(w, answerWords))) {
                covered++;
            } else {
                missing.add(term);
            }
        }
        double coverage = item.keyTerms().isEmpty()
                ? 0
                : (double) covered / item.keyTerms().size();
        double coverageCredit = Math.min(1, coverage / settings.fullCoverage());

        float[] reference = references.computeIfAbsent(item.reference(), this::embed);
        double similarity = Embeddings.cosine(embed(answer), reference);
        double similarityCredit = clamp((similarity - settings.similarityFloor())
                / (settings.similarityCeiling() - settings.similarityFloor()));

        double score = settings.supportWeight() * support
                + (1 - settings.supportWeight()) * Math.max(coverageCredit, similarityCredit);
        if (!addsSomething) {
            score = Math.min(score, ECHO_CAP);
        }
        score = Math.round(clamp(score) * 100) / 100.0;
        boolean correct = score >= settings.passMark();
        return new Grade(correct, score, feedback(correct, addsSomething, missing, unsupported, item.reference()));
    }

    private static String feedback(
            boolean correct, boolean addsSomething, List<String> missing, List<String> unsupported, String reference) {
        StringBuilder text = new StringBuilder(correct ? "Good answer." : "Not quite.");
        if (!addsSomething) {
            text.append(" Your answer repeats the question without adding what the notes say.");
        }
        if (!missing.isEmpty()) {
            text.append(" Missing: ").append(String.join(", ", missing.subList(0, Math.min(4, missing.size()))));
            text.append('.');
        }
        if (!unsupported.isEmpty() && !correct) {
            text.append(" Not in your notes: ")
                    .append(String.join(", ", unsupported.subList(0, Math.min(3, unsupported.size()))))
                    .append('.');
        }
        text.append(" Your notes say: ").append(reference);
        return text.toString();
    }

    private float[] embed(String text) {
        return embeddingModel.embed(text).content().vector();
    }

    private static List<String> contentWords(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : Text.words(text)) {
            if (!Text.isStopWord(word)) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /** Same stem, or (words of five letters or more) within the typo allowance. */
    private static boolean matchesAny(String word, List<String> candidates) {
        String stem = Text.stem(word);
        for (String candidate : candidates) {
            if (Text.stem(candidate).equals(stem)) {
                return true;
            }
            if (word.length() >= 5
                    && candidate.length() >= 5
                    && Text.editDistance(word, candidate)
                            <= Text.typoAllowance(Math.min(word.length(), candidate.length()))) {
                return true;
            }
        }
        return false;
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}
