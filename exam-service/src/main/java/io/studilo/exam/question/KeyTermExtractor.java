package io.studilo.exam.question;

import io.studilo.exam.text.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the terms of a sentence worth asking about, strongest first: what a definition defines ("X is a …",
 * "… is called X"), symbols of equations, quantities with units, terms of the section heading, terms repeated
 * across the notes, then the most specific noun-like phrase. Stop words, bare numbers and tiny words are never
 * key terms.
 */
final class KeyTermExtractor {

    private static final String WORD = "[\\p{L}][\\p{L}\\p{N}'’-]*";
    private static final Pattern DEFINITION = Pattern.compile("^(?:(?:An?|The)\\s+)?(?<term>" + WORD + "(?:\\s+" + WORD
            + "){0,3}?)\\s*(?:\\([^)]{1,40}\\)\\s*)?,?\\s+(?:is|are)\\s+(?:(?:defined|known)\\s+as\\s+)?"
            + "(?<def>(?:an?|the|one)\\s+.{3,})$");
    private static final Pattern MEANS = Pattern.compile("^(?:(?:An?|The)\\s+)?(?<term>" + WORD + "(?:\\s+" + WORD
            + "){0,3}?)\\s+(?:refers\\s+to|means|denotes)\\s+(?<def>.{3,})$");
    private static final Pattern CALLED =
            Pattern.compile("^(?<def>.{3,}?)\\s+(?:is|are)\\s+(?:called|known\\s+as|termed|named)\\s+"
                    + "(?:an?\\s+|the\\s+)?(?<term>" + WORD + "(?:\\s+" + WORD + "){0,2})\\s*(?:[.,;:]|$)");
    private static final Pattern WHERE_SYMBOL =
            Pattern.compile("\\bwhere\\s+(?<term>\\p{L}{1,2}(?:_\\w+)?)\\s+(?:is|denotes|represents)\\s+(?:the\\s+)?"
                    + "(?<def>[^,;.]{3,})");
    private static final Pattern EQUATION =
            Pattern.compile("(?<![\\p{L}\\p{N}_])(?<term>\\p{L}{1,3}(?:_\\w+)?)\\s*=\\s*\\S");
    private static final Pattern QUANTITY = Pattern.compile("(?<![\\p{L}\\p{N}.,])(?<term>\\d+(?:[.,]\\d+)?\\s?"
            + "(?:%|°\\s?[CF]\\b|(?:K|kg|g|mg|µg|m|km|cm|mm|nm|µm|s|ms|min|h|Hz|kHz|MHz|GHz|J|kJ|cal|kcal|W|kW|MW|V|mV"
            + "|A|mA|mol|mM|L|mL|ml|N|Pa|kPa|atm|bar|eV|dB|bits?|bytes?|KB|MB|GB|TB|years?|days?|hours?|minutes?"
            + "|seconds?|weeks?|months?|centuries|century|meters?|metres?|kilometers?|kilometres?|kilograms?|grams?"
            + "|liters?|litres?|degrees?|percent|million|billion|thousand|chromosomes?|bones?|atoms?|electrons?"
            + "|protons?|neutrons?|pairs?|species|cells?|layers?|chambers?|planets?|moons?)\\b))");
    /** Punctuation a key phrase never spans. */
    private static final String PHRASE_BREAKS = ",;.:!?()[]\"“”";

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

    /** Words that are rarely what a question should ask for (verbs and vague nouns common in notes). */
    private static final Set<String> WEAK = Set.of(
            "provide",
            "provides",
            "give",
            "gives",
            "take",
            "takes",
            "cause",
            "causes",
            "caused",
            "help",
            "helps",
            "allow",
            "allows",
            "include",
            "includes",
            "including",
            "contain",
            "contains",
            "become",
            "becomes",
            "produce",
            "produces",
            "found",
            "need",
            "needs",
            "require",
            "requires",
            "form",
            "forms",
            "occur",
            "occurs",
            "increase",
            "increases",
            "decrease",
            "decreases",
            "move",
            "moves",
            "live",
            "lives",
            "keep",
            "keeps",
            "show",
            "shows",
            "thing",
            "fact",
            "facts",
            "reason",
            "reasons",
            "things",
            "way",
            "ways",
            "type",
            "types",
            "kind",
            "kinds",
            "part",
            "parts",
            "example",
            "examples",
            "lot",
            "little",
            "important",
            "different",
            "several",
            "various",
            "certain",
            "new",
            "large",
            "small",
            "high",
            "low",
            "good",
            "bad",
            "able",
            "main",
            "first",
            "second",
            "last",
            "next",
            "number",
            "amount",
            "result",
            "results",
            "work",
            "works",
            "change",
            "changes",
            "see",
            "called",
            "known",
            "means",
            "refers",
            "defined",
            "given",
            "based",
            "due",
            "related",
            "mostly",
            "can",
            "consist",
            "consists",
            "made",
            "create",
            "creates",
            "lead",
            "leads",
            "mean",
            "get",
            "put",
            "let",
            "set",
            "say",
            "says",
            "said",
            "go",
            "goes",
            "come",
            "comes",
            "usually",
            "generally",
            "mainly");

    private final Map<String, Integer> frequencies;

    /** @param frequencies in how many sentences of the notes each content stem occurs */
    KeyTermExtractor(Map<String, Integer> frequencies) {
        this.frequencies = frequencies;
    }

    static Map<String, Integer> frequencies(Collection<String> sentences) {
        Map<String, Integer> counts = new HashMap<>();
        for (String sentence : sentences) {
            for (String stem : Text.contentStems(sentence)) {
                counts.merge(stem, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Candidate key terms of the sentence, strongest first, each occurring verbatim in it. */
    List<KeyTerm> terms(String sentence, String sectionTitle) {
        Map<String, KeyTerm> found = new LinkedHashMap<>();
        definition(sentence, found);
        symbols(sentence, found);
        matchAll(QUANTITY, sentence, KeyTerm.Kind.QUANTITY, found);
        heading(sentence, sectionTitle, found);
        phrases(sentence, found);
        List<KeyTerm> terms = new ArrayList<>();
        for (KeyTerm term : found.values()) {
            if (isWorthAsking(term)) {
                terms.add(term);
            }
        }
        return terms;
    }

    /** Stop words, bare numbers and tiny words make trivial blanks. */
    static boolean isWorthAsking(KeyTerm term) {
        List<String> words = Text.words(term.text());
        if (words.isEmpty()) {
            return false;
        }
        if (term.kind() == KeyTerm.Kind.SYMBOL) {
            return true;
        }
        if (term.kind() == KeyTerm.Kind.QUANTITY) {
            return words.size() >= 2 || term.text().matches(".*\\d\\s?[%°].*");
        }
        if (Text.isStopWord(words.get(0)) || Text.isStopWord(words.get(words.size() - 1))) {
            return false;
        }
        String joined = String.join("", words);
        if (joined.chars().allMatch(Character::isDigit) || joined.length() < 3) {
            return false;
        }
        return !(words.size() == 1 && WEAK.contains(words.get(0)));
    }

    private void definition(String sentence, Map<String, KeyTerm> found) {
        for (Pattern pattern : List.of(DEFINITION, MEANS, CALLED)) {
            Matcher m = pattern.matcher(sentence);
            if (m.find()) {
                String term = m.group("term").trim();
                List<String> words = Text.words(term);
                if (!words.isEmpty() && !Text.isStopWord(words.get(0)) && !WEAK.contains(words.get(0))) {
                    put(found, new KeyTerm(term, KeyTerm.Kind.DEFINITION, stripEnd(m.group("def"))));
                    return;
                }
            }
        }
    }

    private void symbols(String sentence, Map<String, KeyTerm> found) {
        Matcher where = WHERE_SYMBOL.matcher(sentence);
        while (where.find()) {
            put(found, new KeyTerm(where.group("term"), KeyTerm.Kind.SYMBOL, stripEnd(where.group("def"))));
        }
        matchAll(EQUATION, sentence, KeyTerm.Kind.SYMBOL, found);
    }

    private static void matchAll(Pattern pattern, String sentence, KeyTerm.Kind kind, Map<String, KeyTerm> found) {
        Matcher m = pattern.matcher(sentence);
        while (m.find()) {
            put(found, new KeyTerm(m.group("term").trim(), kind, ""));
        }
    }

    private void heading(String sentence, String sectionTitle, Map<String, KeyTerm> found) {
        Set<String> titleStems = Text.contentStems(sectionTitle);
        if (titleStems.isEmpty()) {
            return;
        }
        List<int[]> spans = tokens(sentence);
        int i = 0;
        while (i < spans.size()) {
            int j = i;
            while (j < spans.size() && isHeadingWord(sentence, spans.get(j), titleStems)) {
                j++;
            }
            if (j > i) {
                put(
                        found,
                        new KeyTerm(
                                sentence.substring(spans.get(i)[0], spans.get(j - 1)[1]), KeyTerm.Kind.HEADING, ""));
                i = j;
            } else {
                i++;
            }
        }
    }

    private static boolean isHeadingWord(String sentence, int[] span, Set<String> titleStems) {
        String word = Text.normalize(sentence.substring(span[0], span[1]));
        return word.length() >= 3 && !Text.isStopWord(word) && titleStems.contains(Text.stem(word));
    }

    /** Noun-like phrases: runs of content words cut before weak words, scored by repetition and length. */
    private void phrases(String sentence, Map<String, KeyTerm> found) {
        List<int[]> spans = tokens(sentence);
        List<Candidate> candidates = new ArrayList<>();
        for (int start = 0; start < spans.size(); start++) {
            for (int n = 1; n <= 3 && start + n <= spans.size(); n++) {
                int[] last = spans.get(start + n - 1);
                if (!isContent(sentence, last)) {
                    break;
                }
                String text = sentence.substring(spans.get(start)[0], last[1]);
                if (!isContent(sentence, spans.get(start))
                        || text.chars().anyMatch(c -> PHRASE_BREAKS.indexOf(c) >= 0)) {
                    break;
                }
                candidates.add(new Candidate(text, score(text, start == 0)));
            }
        }
        candidates.sort((a, b) -> Double.compare(b.score(), a.score()));
        for (Candidate candidate : candidates) {
            boolean repeated = candidate.score() >= REPEATED_SCORE;
            put(found, new KeyTerm(candidate.text(), repeated ? KeyTerm.Kind.REPEATED : KeyTerm.Kind.TERM, ""));
        }
    }

    private static final double REPEATED_SCORE = 10;

    private double score(String phrase, boolean atStart) {
        List<String> words = Text.words(phrase);
        double score = 0;
        int minFrequency = Integer.MAX_VALUE;
        for (String word : words) {
            minFrequency = Math.min(minFrequency, frequencies.getOrDefault(Text.stem(word), 1));
            score += Math.min(word.length(), 10) * 0.1;
        }
        if (minFrequency >= 2) {
            score += REPEATED_SCORE + Math.min(minFrequency, 5);
        }
        score += (words.size() - 1) * 0.8;
        if (!atStart && Character.isUpperCase(phrase.charAt(0))) {
            score += 0.5;
        }
        String last = words.get(words.size() - 1);
        if (last.endsWith("ly") || last.endsWith("ed")) {
            score -= 3;
        }
        return score;
    }

    private static boolean isContent(String sentence, int[] span) {
        String word = Text.normalize(sentence.substring(span[0], span[1]));
        return word.length() >= 3
                && !Text.isStopWord(word)
                && !WEAK.contains(word)
                && !word.chars().allMatch(Character::isDigit);
    }

    private static List<int[]> tokens(String sentence) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(sentence);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static void put(Map<String, KeyTerm> found, KeyTerm term) {
        found.putIfAbsent(term.text().toLowerCase(Locale.ROOT), term);
    }

    private static String stripEnd(String text) {
        return text.trim().replaceAll("[.;:,]+$", "");
    }

    private record Candidate(String text, double score) {}
}
