package io.studilo.exam.question;

import io.studilo.exam.text.Text;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks every generated question must pass before it enters a bank. A question failing any rule is
 * dropped (and counted under the rule's {@link #id()}), never repaired silently.
 */
public enum ValidationRule {

    /** The key is stated by the cited passage (a short answer's key terms all occur in it). */
    KEY_IN_PASSAGE {
        @Override
        boolean accepts(QuestionDraft q, List<QuestionDraft> bank) {
            String passage = q.passage().text();
            if (q.key().isBlank() || !Text.containsPhrase(passage, q.key())) {
                return false;
            }
            return switch (q.type()) {
                case MULTIPLE_CHOICE, CLOZE -> q.answer().equalsIgnoreCase(q.key());
                case TRUE_FALSE -> q.answer().equals("true") || q.answer().equals("false");
                case SHORT_ANSWER -> {
                    Set<String> passageStems = Text.contentStems(passage);
                    yield !q.keyTerms().isEmpty()
                            && q.keyTerms().stream().allMatch(t -> passageStems.containsAll(Text.contentStems(t)))
                            && q.answer().equals(passage);
                }
            };
        }
    },

    /**
     * No blank on a stop word, a bare number or a one-letter word (symbols of equations excepted), and none on
     * half the sentence or more: what is left must still ask something.
     */
    NON_TRIVIAL_KEY {
        @Override
        boolean accepts(QuestionDraft q, List<QuestionDraft> bank) {
            if (q.type() == QuestionType.SHORT_ANSWER) {
                return true;
            }
            List<String> words = Text.words(q.key());
            if (words.isEmpty() || words.stream().allMatch(Text::isStopWord)) {
                return false;
            }
            if (q.type() != QuestionType.TRUE_FALSE
                    && 2 * words.size() >= Text.words(q.passage().text()).size()) {
                return false;
            }
            String joined = String.join("", words);
            if (joined.chars().allMatch(Character::isDigit)) {
                return false;
            }
            boolean symbol =
                    q.passage().text().contains("=") || q.passage().text().contains("where " + q.key());
            return joined.length() >= 3 || symbol;
        }
    },

    /** A false statement really is false: the swapped-in term is not what the passage says. */
    FALSE_STATEMENT_IS_FALSE {
        @Override
        boolean accepts(QuestionDraft q, List<QuestionDraft> bank) {
            if (q.type() != QuestionType.TRUE_FALSE) {
                return true;
            }
            String swapped = q.swapped();
            if (q.answer().equals("true")) {
                return swapped == null;
            }
            return swapped != null
                    && !Text.containsPhrase(q.passage().text(), swapped)
                    && Text.containsPhrase(q.prompt(), swapped)
                    && !Text.normalize(q.prompt())
                            .equals(Text.normalize(q.passage().text()));
        }
    },

    /** Exactly one option is the key, and no distractor is also stated by the passage. */
    SINGLE_CORRECT_OPTION {
        @Override
        boolean accepts(QuestionDraft q, List<QuestionDraft> bank) {
            if (q.type() != QuestionType.MULTIPLE_CHOICE) {
                return true;
            }
            if (q.options().size() < 2) {
                return false;
            }
            String answer = Text.normalize(q.answer());
            int correct = 0;
            for (String option : q.options()) {
                if (Text.normalize(option).equals(answer)) {
                    correct++;
                } else if (Text.containsPhrase(q.passage().text(), option)) {
                    return false;
                }
            }
            return correct == 1;
        }
    },

    /** No two options are the same or nearly the same (case, plural, typo, one inside the other). */
    DISTINCT_OPTIONS {
        @Override
        boolean accepts(QuestionDraft q, List<QuestionDraft> bank) {
            if (q.type() != QuestionType.MULTIPLE_CHOICE) {
                return true;
            }
            List<String> options = q.options();
            for (int i = 0; i < options.size(); i++) {
                for (int j = i + 1; j < options.size(); j++) {
                    if (nearDuplicateTerms(options.get(i), options.get(j))) {
                        return false;
                    }
                }
            }
            return true;
        }
    },

    /** The correct option does not stand out by length, capitalisation, number or the article before it. */
    NO_GIVEAWAY_OPTION {
        @Override
        boolean accepts(QuestionDraft q, List<QuestionDraft> bank) {
            if (q.type() != QuestionType.MULTIPLE_CHOICE) {
                return true;
            }
            String key = q.answer();
            List<String> others = q.options().stream()
                    .filter(o -> !Text.normalize(o).equals(Text.normalize(key)))
                    .toList();
            if (others.isEmpty()) {
                return false;
            }
            double mean = others.stream().mapToInt(String::length).average().orElse(0);
            int longestOther = others.stream().mapToInt(String::length).max().orElse(0);
            int shortestOther = others.stream().mapToInt(String::length).min().orElse(0);
            if ((key.length() > longestOther && key.length() > 1.6 * mean)
                    || (key.length() < shortestOther && key.length() < 0.5 * mean)) {
                return false;
            }
            int keyWords = Text.words(key).size();
            if (others.stream().allMatch(o -> Math.abs(Text.words(o).size() - keyWords) >= 2)) {
                return false;
            }
            boolean keyPlural = isPlural(key);
            if (others.stream().noneMatch(o -> isPlural(o) == keyPlural)) {
                return false;
            }
            boolean keyUpper = Character.isUpperCase(key.charAt(0));
            if (keyUpper && others.stream().noneMatch(o -> Character.isUpperCase(o.charAt(0)))) {
                return false;
            }
            String prompt = q.prompt().toLowerCase(Locale.ROOT);
            return !(prompt.contains(" a " + BLANK) || prompt.contains(" an " + BLANK));
        }
    },

    /** The question does not contain its own answer. */
    ANSWER_NOT_IN_QUESTION {
        @Override
        boolean accepts(QuestionDraft q, List<QuestionDraft> bank) {
            return switch (q.type()) {
                case TRUE_FALSE -> true;
                case MULTIPLE_CHOICE, CLOZE ->
                    !Text.containsPhrase(q.prompt(), q.key())
                            && !(Text.words(q.key()).size() == 1
                                    && Text.contentStems(q.prompt()).containsAll(Text.contentStems(q.key())));
                case SHORT_ANSWER -> {
                    Set<String> promptStems = Text.contentStems(q.prompt());
                    long given = q.keyTerms().stream()
                            .filter(t -> promptStems.containsAll(Text.contentStems(t)))
                            .count();
                    yield given * 2 < q.keyTerms().size();
                }
            };
        }
    },

    /** No two questions of a bank ask nearly the same thing. */
    NO_NEAR_DUPLICATE {
        @Override
        boolean accepts(QuestionDraft q, List<QuestionDraft> bank) {
            Set<String> stems = Text.contentStems(q.prompt());
            for (QuestionDraft other : bank) {
                if (other == q) {
                    continue;
                }
                if (Text.jaccard(stems, Text.contentStems(other.prompt())) >= NEAR_DUPLICATE_JACCARD) {
                    return false;
                }
                if (other.passage().text().equals(q.passage().text())
                        && Text.normalize(other.key()).equals(Text.normalize(q.key()))) {
                    return false;
                }
            }
            return true;
        }
    };

    /** The blank in fill-in questions. */
    public static final String BLANK = "_____";

    static final double NEAR_DUPLICATE_JACCARD = 0.8;

    abstract boolean accepts(QuestionDraft question, List<QuestionDraft> bank);

    /** The metric tag: {@code key-in-passage}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The first rule the question fails given the questions already accepted, or null when it passes all. */
    static @org.jspecify.annotations.Nullable ValidationRule firstFailed(
            QuestionDraft question, List<QuestionDraft> bank) {
        for (ValidationRule rule : values()) {
            if (!rule.accepts(question, bank)) {
                return rule;
            }
        }
        return null;
    }

    /** Same words up to case, accents, inflection or a typo, or one wholly inside the other. */
    static boolean nearDuplicateTerms(String a, String b) {
        String na = Text.normalize(a);
        String nb = Text.normalize(b);
        if (na.equals(nb)) {
            return true;
        }
        List<String> sa = Text.stems(a);
        List<String> sb = Text.stems(b);
        if (new HashSet<>(sa).equals(new HashSet<>(sb))) {
            return true;
        }
        if (Text.indexOfPhrase(sa, sb) >= 0 || Text.indexOfPhrase(sb, sa) >= 0) {
            return true;
        }
        if (Math.min(na.length(), nb.length()) >= 4 && (na.startsWith(nb) || nb.startsWith(na))) {
            return true;
        }
        int allowed = Math.max(1, (int) Math.floor(Math.min(na.length(), nb.length()) * 0.2));
        return Text.editDistance(na, nb) <= allowed;
    }

    /** Crude English plural test on the last word: "cells", "mitochondria" stays singular-looking. */
    static boolean isPlural(String term) {
        List<String> words = Text.words(term);
        if (words.isEmpty()) {
            return false;
        }
        String last = words.get(words.size() - 1);
        return last.length() > 3
                && last.endsWith("s")
                && !last.endsWith("ss")
                && !last.endsWith("us")
                && !last.endsWith("is");
    }
}
