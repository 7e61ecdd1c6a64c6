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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
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
    private static final List<String> ARTICLES = List.of("a ", "an ", "the ");

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
                List<KeyTerm> terms = extractor.terms(passage.text(), passage.sectionTitle());
                termsByPassage.put(passage, terms);
                for (KeyTerm term : terms.subList(0, Math.min(terms.size(), POOL_TERMS_PER_SENTENCE))) {
                    pool.putIfAbsent(Text.normalize(term.text()), term);
                }
            }
        }
        Distractors distractors = new Distractors(pool.values(), embed(pool.keySet()));
        Predicate<String> statedOnce = statedOnce(allSentences);

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
                    QuestionDraft draft = draft(type, passage, terms, distractors, statedOnce);
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
            for (String sentence : Sentences.split(chunk.text())) {
                int words = Text.words(sentence).size();
                if (words < settings.minWords() || words > settings.maxWords() || sentence.endsWith("?")) {
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
            Predicate<String> statedOnce) {
        return switch (type) {
            case TRUE_FALSE -> trueFalse(passage, terms.get(0), distractors);
            case MULTIPLE_CHOICE -> multipleChoice(passage, terms, distractors);
            case CLOZE -> cloze(passage, terms.get(0));
            case SHORT_ANSWER -> shortAnswer(passage, terms, statedOnce);
        };
    }

    /**
     * Whether at most one sentence of the notes opens with the term. "Define X" and "What do your notes say about
     * X?" are graded against one reference sentence: when the notes open several sentences with X, a student (or
     * the tutor) answering from another of them would be marked wrong, so such a term gets no short-answer item.
     */
    static Predicate<String> statedOnce(List<String> sentences) {
        List<String> normalized = sentences.stream().map(Text::normalize).toList();
        return term -> {
            String t = Text.normalize(term);
            return normalized.stream()
                            .filter(s -> s.equals(t)
                                    || s.startsWith(t + " ")
                                    || ARTICLES.stream().anyMatch(a -> s.startsWith(a + t + " ")))
                            .count()
                    <= 1;
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

    private @Nullable QuestionDraft shortAnswer(Passage passage, List<KeyTerm> terms, Predicate<String> statedOnce) {
        String sentence = passage.text();
        for (KeyTerm term : terms) {
            if (term.kind() == KeyTerm.Kind.DEFINITION
                    && !term.definition().isBlank()
                    && statedOnce.test(term.text())) {
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
        KeyTerm subject = terms.get(0);
        if (sentence.startsWith(subject.text())
                && subject.kind() != KeyTerm.Kind.QUANTITY
                && statedOnce.test(subject.text())) {
            String rest = sentence.substring(subject.text().length());
            List<String> covered = Text.informativeWords(rest, subject.text());
            if (covered.size() >= 2) {
                return shortAnswerDraft(
                        "What do your notes say about " + lowerFirst(subject.text()) + "?",
                        subject.text(),
                        covered,
                        passage);
            }
        }
        return null;
    }

    private static QuestionDraft shortAnswerDraft(String prompt, String key, List<String> covered, Passage passage) {
        return new QuestionDraft(
                QuestionType.SHORT_ANSWER, prompt, List.of(), passage.text(), key, null, covered, passage);
    }

    static String blank(String sentence, String key) {
        int at = sentence.indexOf(key);
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
