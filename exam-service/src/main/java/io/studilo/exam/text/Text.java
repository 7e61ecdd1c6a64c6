package io.studilo.exam.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Text helpers for questions and grading. Matching is done on normalised words (lower case, accents removed,
 * punctuation dropped) and on their Snowball English stems, so "Mitochondria" and "mitochondrion's" or "café"
 * and "cafe" compare sensibly.
 */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern POSSESSIVE = Pattern.compile("(?<=\\p{L})['’]s\\b");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}%°]+");

    /** Function words: never a key term, ignored when comparing content. */
    private static final Set<String> STOP_WORDS = Set.of(
            "a",
            "an",
            "the",
            "of",
            "to",
            "in",
            "on",
            "at",
            "for",
            "from",
            "by",
            "with",
            "and",
            "or",
            "but",
            "nor",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "am",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "as",
            "into",
            "onto",
            "than",
            "then",
            "so",
            "such",
            "can",
            "could",
            "may",
            "might",
            "must",
            "shall",
            "should",
            "will",
            "would",
            "do",
            "does",
            "did",
            "done",
            "have",
            "has",
            "had",
            "having",
            "not",
            "no",
            "what",
            "which",
            "who",
            "whom",
            "whose",
            "why",
            "how",
            "when",
            "where",
            "there",
            "here",
            "their",
            "theirs",
            "they",
            "them",
            "he",
            "she",
            "his",
            "her",
            "hers",
            "him",
            "we",
            "us",
            "our",
            "you",
            "your",
            "i",
            "me",
            "my",
            "some",
            "any",
            "all",
            "most",
            "more",
            "many",
            "much",
            "few",
            "each",
            "every",
            "other",
            "another",
            "also",
            "very",
            "if",
            "because",
            "while",
            "about",
            "over",
            "under",
            "between",
            "through",
            "during",
            "before",
            "after",
            "above",
            "below",
            "up",
            "down",
            "out",
            "off",
            "again",
            "further",
            "once",
            "only",
            "own",
            "same",
            "too",
            "just",
            "both",
            "either",
            "neither",
            "whether",
            "however",
            "therefore",
            "thus",
            "hence",
            "via",
            "per",
            "within",
            "without",
            "upon",
            "among",
            "across",
            "against",
            "along",
            "around",
            "itself",
            "themselves",
            "one",
            "ones",
            "often",
            "usually",
            "called",
            "known",
            "used",
            "use",
            "uses",
            "using",
            "make",
            "makes",
            "made",
            "get",
            "gets",
            "got",
            "like",
            "well",
            "even",
            "still",
            "yet",
            "e",
            "g",
            "ie",
            "eg",
            "etc",
            "s",
            "t",
            "true",
            "false");

    private Text() {}

    /** Lower case, accents removed, punctuation replaced by single spaces, trimmed. */
    public static String normalize(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String plain = MARKS.matcher(POSSESSIVE.matcher(decomposed).replaceAll(""))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
        return NON_WORD.matcher(plain).replaceAll(" ").trim();
    }

    /** The normalised words of the text, in order. */
    public static List<String> words(String text) {
        String normalized = normalize(text);
        return normalized.isEmpty() ? List.of() : List.of(normalized.split(" "));
    }

    public static boolean isStopWord(String word) {
        return STOP_WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** The Snowball (Porter 2) English stem of one normalised word. */
    public static String stem(String word) {
        EnglishStemmer stemmer = new EnglishStemmer();
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /** Stems of every word, in order (stop words included). */
    public static List<String> stems(String text) {
        List<String> words = words(text);
        List<String> stems = new ArrayList<>(words.size());
        for (String word : words) {
            stems.add(stem(word));
        }
        return stems;
    }

    /** Stems of the content words (no stop words), first occurrence order. */
    public static Set<String> contentStems(String text) {
        Set<String> stems = new LinkedHashSet<>();
        for (String word : words(text)) {
            if (!isStopWord(word)) {
                stems.add(stem(word));
            }
        }
        return stems;
    }

    /** Whether {@code phrase} occurs in {@code text} as whole words (normalised, stem-insensitive). */
    public static boolean containsPhrase(String text, String phrase) {
        return indexOfPhrase(stems(text), stems(phrase)) >= 0;
    }

    /** Index of the first word of {@code phrase} inside {@code words}, or -1. */
    public static int indexOfPhrase(List<String> words, List<String> phrase) {
        if (phrase.isEmpty() || phrase.size() > words.size()) {
            return -1;
        }
        outer:
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!words.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    public static int editDistance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[n][m];
    }

    /** Typos tolerated in a word of this length: none up to 3 letters, one up to 7, two beyond. */
    public static int typoAllowance(int length) {
        if (length <= 3) {
            return 0;
        }
        return length <= 7 ? 1 : 2;
    }

    /** |a ∩ b| / |a ∪ b|; 0 when both are empty. */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> union = new LinkedHashSet<>(a);
        union.addAll(b);
        int common = 0;
        for (String s : a) {
            if (b.contains(s)) {
                common++;
            }
        }
        return (double) common / union.size();
    }

    /** Content words of {@code text} not already in {@code given}, at most six, longest first. */
    public static List<String> informativeWords(String text, String given) {
        Set<String> givenStems = contentStems(given);
        java.util.Map<String, String> byStem = new java.util.LinkedHashMap<>();
        for (String word : words(text)) {
            String stem = stem(word);
            if (word.length() >= 3 && !isStopWord(word) && !givenStems.contains(stem)) {
                byStem.putIfAbsent(stem, word);
            }
        }
        return byStem.values().stream()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .limit(6)
                .toList();
    }
}
