package io.studilo.exam.question;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.exam.text.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Generates a document's question bank from its chunks, with no language model: every question is a sentence
 * of the notes turned into a true/false statement, a multiple-choice or cloze blank, or a short-answer prompt
 * whose reference answer is the sentence itself. Distractors are other terms from the same notes, of the same
 * family and closest in embedding space. Every candidate goes through the {@link ValidationRule}s; levels are
 * balanced within each section.
 */
public final class QuestionGenerator {

    /**
     * @param maxPerSection most questions kept per section
     * @param minWords shortest sentence (in words) worth a question
     * @param maxWords longest sentence worth a question
     * @param maxDistractorSimilarity distractors more similar than this to the key may be synonyms: skipped
     */
    public record Settings(int maxPerSection, int minWords, int maxWords, double maxDistractorSimilarity) {

        public static final Settings DEFAULTS = new Settings(40, 5, 60, 0.92);
    }

    private static final Pattern BECAUSE = Pattern.compile(
            "^(?<effect>.{10,}?)\\s*,?\\s+(?:because|since|due to the fact that|as a result of)\\s+(?<cause>.{5,}?)[.!]?$");

    private static final Set<String> OPENING_ARTICLES = Set.of("a", "an", "the");
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final String SUBJECT_BREAKS = ",;:()[]\"“”";
    private static final int MAX_SUBJECT_WORDS = 5;
    private static final Pattern LEADING_ARTICLE = Pattern.compile("^(?:[Aa]n?|[Tt]he)\\s+");
    /** Words that open a subordinate clause: what follows them up to the verb is not the sentence's subject. */
    private static final Set<String> SUBORDINATORS = Set.of(
            "after",
            "although",
            "as",
            "because",
            "before",
            "if",
            "once",
            "since",
            "though",
            "unless",
            "until",
            "when",
            "whenever",
            "where",
            "whereas",
            "while");
    /** Words that open an instruction to the reader ("Notice that …"): what follows is no subject. */
    private static final Set<String> INSTRUCTIONS =
            Set.of("note", "notice", "recall", "remember", "consider", "observe", "see", "suppose", "assume", "let");
    /** Markup a key term never holds (LaTeX commands and braces that survived extraction: "margin} Note"). */
    private static final Pattern MARKUP = Pattern.compile("[{}\\\\$]");
    /** Closed-class verbs that follow a complete subject. */
    private static final Set<String> LINKING_VERBS = Set.of(
            "is", "are", "was", "were", "has", "have", "had", "can", "could", "may", "might", "will", "would", "should",
            "must", "do", "does", "did", "become", "becomes", "remain", "remains", "seem", "seems");

    private static final Pattern ARTICLE_BEFORE_BLANK =
            Pattern.compile("\\b([Aa])n?\\s+" + Pattern.quote(ValidationRule.BLANK));
    private static final int DISTRACTORS = 3;
    /** Candidate terms per sentence that enter the distractor pool (each one is embedded). */
    private static final int POOL_TERMS_PER_SENTENCE = 2;

    private final EmbeddingModel embeddingModel;
    private final Settings settings;
    private final QuestionRephraser rephraser;

    public QuestionGenerator(EmbeddingModel embeddingModel, Settings settings, QuestionRephraser rephraser) {
        this.embeddingModel = embeddingModel;
        this.settings = settings;
        this.rephraser = rephraser;
    }

    /** The bank for these chunks (one document, any number of sections), in section and reading order. */
    public GeneratedBank generate(List<Chunk> chunks) {
        Map<UUID, List<Passage>> sections = passages(chunks);
        List<String> allSentences = new ArrayList<>();
        sections.values().forEach(ps -> ps.forEach(p -> allSentences.add(p.text())));
        KeyTermExtractor extractor = new KeyTermExtractor(KeyTermExtractor.frequencies(allSentences));

        Map<Passage, List<KeyTerm>> termsByPassage = new LinkedHashMap<>();
        Map<String, KeyTerm> pool = new LinkedHashMap<>();
        for (List<Passage> passages : sections.values()) {
            for (Passage passage : passages) {
                List<KeyTerm> terms = extractor.terms(passage.text(), passage.sectionTitle()).stream()
                        .filter(t -> wholeTokenAt(passage.text(), t.text()) >= 0 && !hasMarkup(t.text()))
                        .toList();
                termsByPassage.put(passage, terms);
                for (KeyTerm term : terms.subList(0, Math.min(terms.size(), POOL_TERMS_PER_SENTENCE))) {
                    pool.putIfAbsent(Text.normalize(term.text()), term);
                }
            }
        }
        Distractors distractors = new Distractors(pool.values(), embed(pool.keySet()));
        BiPredicate<String, String> openedOnlyBy = openedOnlyBy(allSentences);
        BiPredicate<String, String> mentionedOnlyIn = mentionedOnlyIn(allSentences);

        List<QuestionDraft> accepted = new ArrayList<>();
        Map<String, Integer> dropped = new HashMap<>();
        for (List<Passage> passages : sections.values()) {
            Map<QuestionType, Integer> perLevel = new EnumMap<>(QuestionType.class);
            int kept = 0;
            for (Passage passage : passages) {
                if (kept >= settings.maxPerSection()) {
                    break;
                }
                List<KeyTerm> terms = termsByPassage.get(passage);
                if (terms == null || terms.isEmpty()) {
                    continue;
                }
                List<QuestionType> order = new ArrayList<>(List.of(QuestionType.values()));
                order.sort(Comparator.comparingInt((QuestionType t) -> perLevel.getOrDefault(t, 0))
                        .thenComparingInt(t -> Math.floorMod(passage.text().hashCode() + t.level(), 4)));
                for (QuestionType type : order) {
                    QuestionDraft draft = draft(type, passage, terms, distractors, openedOnlyBy, mentionedOnlyIn);
                    if (draft == null) {
                        continue;
                    }
                    ValidationRule failed = ValidationRule.firstFailed(draft, accepted);
                    if (failed != null) {
                        dropped.merge(failed.id(), 1, Integer::sum);
                        continue;
                    }
                    accepted.add(rephrased(draft, accepted, dropped));
                    perLevel.merge(type, 1, Integer::sum);
                    kept++;
                    break;
                }
            }
        }
        return new GeneratedBank(accepted, dropped);
    }

    private QuestionDraft rephrased(QuestionDraft draft, List<QuestionDraft> accepted, Map<String, Integer> dropped) {
        String prompt = rephraser.rephrase(draft);
        if (prompt.equals(draft.prompt())) {
            return draft;
        }
        QuestionDraft reworded = draft.withPrompt(prompt);
        ValidationRule failed = ValidationRule.firstFailed(reworded, accepted);
        if (failed != null) {
            dropped.merge(failed.id(), 1, Integer::sum);
            return draft;
        }
        return reworded;
    }

    private Map<UUID, List<Passage>> passages(List<Chunk> chunks) {
        Map<UUID, List<Passage>> sections = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Chunk> ordered = new ArrayList<>(chunks);
        ordered.sort(Comparator.comparingInt(Chunk::chunkIndex));
        for (Chunk chunk : ordered) {
            for (String sentence : Sentences.split(chunk.body())) {
                int words = Text.words(sentence).size();
                if (words < settings.minWords()
                        || words > settings.maxWords()
                        || sentence.endsWith("?")
                        || !Sentences.isStatement(sentence)) {
                    continue;
                }
                if (!seen.add(chunk.documentId() + "|" + Text.normalize(sentence))) {
                    continue;
                }
                sections.computeIfAbsent(chunk.sectionId(), id -> new ArrayList<>())
                        .add(new Passage(
                                chunk.documentId(),
                                chunk.sectionId(),
                                chunk.sectionTitle(),
                                chunk.pageStart(),
                                sentence));
            }
        }
        return sections;
    }

    private Map<String, float[]> embed(Set<String> texts) {
        List<String> list = new ArrayList<>(texts);
        Map<String, float[]> vectors = new HashMap<>();
        int batch = 64;
        for (int from = 0; from < list.size(); from += batch) {
            List<String> slice = list.subList(from, Math.min(list.size(), from + batch));
            List<Embedding> embeddings = embeddingModel
                    .embedAll(slice.stream().map(TextSegment::from).toList())
                    .content();
            for (int i = 0; i < slice.size(); i++) {
                vectors.put(slice.get(i), embeddings.get(i).vector());
            }
        }
        return vectors;
    }

    private @Nullable QuestionDraft draft(
            QuestionType type,
            Passage passage,
            List<KeyTerm> terms,
            Distractors distractors,
            BiPredicate<String, String> openedOnlyBy,
            BiPredicate<String, String> mentionedOnlyIn) {
        return switch (type) {
            case TRUE_FALSE -> trueFalse(passage, terms.get(0), distractors);
            case MULTIPLE_CHOICE -> multipleChoice(passage, terms, distractors);
            case CLOZE -> cloze(passage, terms.get(0));
            case SHORT_ANSWER -> shortAnswer(passage, terms, openedOnlyBy, mentionedOnlyIn);
        };
    }

    /**
     * Whether no sentence of the notes but the given one opens with the term (up to inflection, after an
     * article). "Define X" asks for what the notes say X is: another sentence about X (X as its subject) may
     * answer it as well as the reference, while a sentence that merely mentions X does not define it.
     */
    static BiPredicate<String, String> openedOnlyBy(List<String> sentences) {
        return onlyIn(sentences, true);
    }

    /**
     * Whether the notes mention the term (its words, up to inflection, in a row) in no sentence but the given one.
     * "What do your notes say about X?" names nothing but X and is graded against one reference sentence: when
     * other sentences of the notes also speak of X, they answer the prompt as well (a student, or the tutor,
     * answering from one of them would be marked wrong), so such a subject gets no short-answer item.
     */
    static BiPredicate<String, String> mentionedOnlyIn(List<String> sentences) {
        return onlyIn(sentences, false);
    }

    private static BiPredicate<String, String> onlyIn(List<String> sentences, boolean atStart) {
        List<String> normalized = sentences.stream().map(Text::normalize).toList();
        List<List<String>> stems = sentences.stream()
                .map(s -> {
                    List<String> words = Text.stems(s);
                    return !words.isEmpty() && OPENING_ARTICLES.contains(words.get(0))
                            ? words.subList(1, words.size())
                            : words;
                })
                .toList();
        // Sentences by the stems they contain: a term is looked up once per candidate item, so scanning every
        // sentence each time would make generation quadratic in the length of the notes.
        Map<String, List<Integer>> byStem = new HashMap<>();
        for (int i = 0; i < stems.size(); i++) {
            for (String stem : new LinkedHashSet<>(stems.get(i))) {
                byStem.computeIfAbsent(stem, k -> new ArrayList<>()).add(i);
            }
        }
        return (term, reference) -> {
            List<String> termStems = Text.stems(term);
            if (termStems.isEmpty()) {
                return false;
            }
            String self = Text.normalize(reference);
            for (int i : byStem.getOrDefault(termStems.get(0), List.of())) {
                int at = Text.indexOfPhrase(stems.get(i), termStems);
                if ((atStart ? at == 0 : at >= 0) && !normalized.get(i).equals(self)) {
                    return false;
                }
            }
            return true;
        };
    }

    private QuestionDraft trueFalse(Passage passage, KeyTerm key, Distractors distractors) {
        String sentence = passage.text();
        boolean makeFalse = Math.floorMod(sentence.hashCode(), 2) == 0;
        if (makeFalse) {
            List<String> wrong = distractors.pick(key, passage, 1);
            if (!wrong.isEmpty()) {
                int at = sentence.indexOf(key.text());
                String replacement = matchCase(wrong.get(0), at == 0);
                String statement = sentence.substring(0, at)
                        + replacement
                        + sentence.substring(at + key.text().length());
                return new QuestionDraft(
                        QuestionType.TRUE_FALSE,
                        statement,
                        List.of("true", "false"),
                        "false",
                        key.text(),
                        replacement,
                        List.of(key.text()),
                        passage);
            }
        }
        return new QuestionDraft(
                QuestionType.TRUE_FALSE,
                sentence,
                List.of("true", "false"),
                "true",
                key.text(),
                null,
                List.of(key.text()),
                passage);
    }

    private @Nullable QuestionDraft multipleChoice(Passage passage, List<KeyTerm> terms, Distractors distractors) {
        for (KeyTerm key : terms.subList(0, Math.min(terms.size(), 3))) {
            List<String> wrong = distractors.pick(key, passage, DISTRACTORS);
            if (wrong.size() < DISTRACTORS) {
                continue;
            }
            boolean atStart = passage.text().indexOf(key.text()) == 0;
            String answer = matchCase(key.text(), atStart);
            List<String> options = new ArrayList<>();
            options.add(answer);
            wrong.forEach(w -> options.add(matchCase(w, atStart)));
            java.util.Collections.shuffle(options, new Random(passage.text().hashCode()));
            return new QuestionDraft(
                    QuestionType.MULTIPLE_CHOICE,
                    blank(passage.text(), key.text()),
                    options,
                    answer,
                    key.text(),
                    null,
                    List.of(key.text()),
                    passage);
        }
        return null;
    }

    private QuestionDraft cloze(Passage passage, KeyTerm key) {
        return new QuestionDraft(
                QuestionType.CLOZE,
                blank(passage.text(), key.text()),
                List.of(),
                key.text(),
                key.text(),
                null,
                List.of(key.text()),
                passage);
    }

    private @Nullable QuestionDraft shortAnswer(
            Passage passage,
            List<KeyTerm> terms,
            BiPredicate<String, String> openedOnlyBy,
            BiPredicate<String, String> mentionedOnlyIn) {
        String sentence = passage.text();
        for (KeyTerm term : terms) {
            if (term.kind() == KeyTerm.Kind.DEFINITION
                    && !term.definition().isBlank()
                    && openedOnlyBy.test(term.text(), sentence)) {
                List<String> covered = Text.informativeWords(term.definition(), term.text());
                if (!covered.isEmpty()) {
                    return shortAnswerDraft(
                            "Define " + lowerFirst(term.text()) + ", as your notes do.", term.text(), covered, passage);
                }
            }
        }
        Matcher because = BECAUSE.matcher(sentence);
        if (because.matches()) {
            String cause = because.group("cause");
            List<String> covered = Text.informativeWords(cause, because.group("effect"));
            if (!covered.isEmpty()) {
                return shortAnswerDraft(
                        "Explain why " + lowerFirst(because.group("effect").replaceAll("[,;]$", "")) + ".",
                        cause,
                        covered,
                        passage);
            }
        }
        String subject = subjectOf(sentence);
        if (subject != null
                && terms.stream()
                        .anyMatch(t -> t.kind() != KeyTerm.Kind.QUANTITY && Text.containsPhrase(subject, t.text()))
                && mentionedOnlyIn.test(subject, sentence)) {
            String rest = sentence.substring(sentence.indexOf(subject) + subject.length());
            List<String> covered = Text.informativeWords(rest, subject);
            if (covered.size() >= 2) {
                return shortAnswerDraft(
                        "What do your notes say about " + lowerFirst(subject) + "?", subject, covered, passage);
            }
        }
        return null;
    }

    /**
     * The sentence's subject: the words before its first auxiliary or linking verb (a leading article left out),
     * at most {@value #MAX_SUBJECT_WORDS} of them, without punctuation, a repeated word (a heading run into its
     * first line), a subordinating word ("since …") or a stop word at either end; otherwise null. "What do your
     * notes say about X?" then names a whole subject ("capillary walls", not "capillary"), never half a clause
     * ("pasteurization destroys").
     */
    static @Nullable String subjectOf(String sentence) {
        Matcher token = TOKEN.matcher(sentence);
        for (int count = 0; token.find() && count <= MAX_SUBJECT_WORDS; count++) {
            if (!LINKING_VERBS.contains(token.group().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String subject = LEADING_ARTICLE
                    .matcher(sentence.substring(0, token.start()))
                    .replaceFirst("")
                    .trim();
            List<String> words = Text.words(subject);
            boolean clean = !words.isEmpty()
                    && subject.chars().noneMatch(c -> SUBJECT_BREAKS.indexOf(c) >= 0)
                    && new HashSet<>(words).size() == words.size()
                    && !Text.isStopWord(words.get(0))
                    && !SUBORDINATORS.contains(words.get(0))
                    && !INSTRUCTIONS.contains(words.get(0).toLowerCase(Locale.ROOT))
                    && !Text.isStopWord(words.get(words.size() - 1));
            return clean ? subject : null;
        }
        return null;
    }

    private static QuestionDraft shortAnswerDraft(String prompt, String key, List<String> covered, Passage passage) {
        return new QuestionDraft(
                QuestionType.SHORT_ANSWER, prompt, List.of(), passage.text(), key, null, covered, passage);
    }

    /**
     * Where {@code key} stands as a whole token in the sentence (not inside a longer identifier such as
     * "ASN1_MAX_NAME_SIZE"), or -1.
     */
    static int wholeTokenAt(String sentence, String key) {
        for (int at = sentence.indexOf(key); at >= 0; at = sentence.indexOf(key, at + 1)) {
            int end = at + key.length();
            if ((at == 0 || !isTokenChar(sentence.charAt(at - 1)))
                    && (end == sentence.length() || !isTokenChar(sentence.charAt(end)))) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Whether a term holds markup that survived extraction (LaTeX commands, braces): no answer or option. */
    static boolean hasMarkup(String term) {
        return MARKUP.matcher(term).find();
    }

    /** The sentence with {@code key} (a whole token of it, see {@link #wholeTokenAt}) blanked out. */
    static String blank(String sentence, String key) {
        int at = wholeTokenAt(sentence, key);
        String blanked = sentence.substring(0, at) + ValidationRule.BLANK + sentence.substring(at + key.length());
        return ARTICLE_BEFORE_BLANK.matcher(blanked).replaceAll("$1(n) " + ValidationRule.BLANK);
    }

    private static String matchCase(String term, boolean capitalise) {
        if (term.isEmpty()) {
            return term;
        }
        boolean acronym = term.length() > 1 && Character.isUpperCase(term.charAt(1));
        if (capitalise) {
            return Character.toUpperCase(term.charAt(0)) + term.substring(1);
        }
        return acronym ? term : Character.toLowerCase(term.charAt(0)) + term.substring(1);
    }

    private static String lowerFirst(String text) {
        return matchCase(text, false);
    }

    /** Picks distractors: same family, not in the passage, similar in shape, closest in meaning but not synonyms. */
    private final class Distractors {

        private final List<PoolTerm> pool = new ArrayList<>();
        private final Map<String, float[]> vectors;

        Distractors(java.util.Collection<KeyTerm> terms, Map<String, float[]> vectors) {
            this.vectors = vectors;
            for (KeyTerm term : terms) {
                float[] vector = vectors.get(Text.normalize(term.text()));
                if (vector != null) {
                    pool.add(new PoolTerm(
                            term,
                            vector,
                            Text.words(term.text()).size(),
                            ValidationRule.isPlural(term.text()),
                            unit(term.text())));
                }
            }
        }

        List<String> pick(KeyTerm key, Passage passage, int count) {
            float[] keyVector = vectors.get(Text.normalize(key.text()));
            if (keyVector == null) {
                return List.of();
            }
            int keyWords = Text.words(key.text()).size();
            boolean keyPlural = ValidationRule.isPlural(key.text());
            String keyUnit = unit(key.text());
            int keyLength = key.text().length();
            List<String> passageStems = Text.stems(passage.text());
            List<Scored> candidates = new ArrayList<>();
            for (PoolTerm candidate : pool) {
                String text = candidate.term().text();
                if (!candidate.term().kind().family().equals(key.kind().family())
                        || Math.abs(candidate.words() - keyWords) > 1
                        || candidate.plural() != keyPlural
                        || text.length() > keyLength * 2 + 3
                        || text.length() * 2 + 3 < keyLength
                        || (key.kind() == KeyTerm.Kind.QUANTITY
                                && !candidate.unit().equals(keyUnit))) {
                    continue;
                }
                double similarity = Embeddings.cosine(keyVector, candidate.vector());
                if (similarity <= settings.maxDistractorSimilarity()) {
                    candidates.add(new Scored(text, similarity));
                }
            }
            candidates.sort(Comparator.comparingDouble(Scored::similarity).reversed());
            List<String> chosen = new ArrayList<>();
            for (Scored candidate : candidates) {
                if (ValidationRule.nearDuplicateTerms(candidate.text(), key.text())
                        || Text.indexOfPhrase(passageStems, Text.stems(candidate.text())) >= 0) {
                    continue;
                }
                if (chosen.stream().noneMatch(c -> ValidationRule.nearDuplicateTerms(c, candidate.text()))) {
                    chosen.add(candidate.text());
                    if (chosen.size() == count) {
                        break;
                    }
                }
            }
            return chosen;
        }

        private static String unit(String quantity) {
            return Text.normalize(quantity.replaceAll("[\\d.,\\s]+", " "));
        }
    }

    private record PoolTerm(KeyTerm term, float[] vector, int words, boolean plural, String unit) {}

    private record Scored(String text, double similarity) {}
}
