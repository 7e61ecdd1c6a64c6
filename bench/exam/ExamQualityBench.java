import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.ScoredChunk;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import io.studilo.exam.grading.Gradable;
import io.studilo.exam.grading.Grade;
import io.studilo.exam.grading.Grader;
import io.studilo.exam.question.GeneratedBank;
import io.studilo.exam.question.QuestionDraft;
import io.studilo.exam.question.QuestionGenerator;
import io.studilo.exam.question.QuestionRephraser;
import io.studilo.exam.question.QuestionType;
import io.studilo.exam.text.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Question-bank and grader quality on QASC (run by bench/exam/run.sh). The QASC facts become one student's
 * notes (sections of 20 facts, chunks of 5); the checks below are independent of the validation rules the
 * generator applies, so a rule that lets a broken item through shows up here.
 */
public class ExamQualityBench {

    private static final Pattern OPTION = Pattern.compile("\\(([A-H])\\)\\s*(.*?)(?=\\s*\\([A-H]\\)|$)");

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/qa/qasc_dev_split.json");
        JsonNode items = JsonMapper.builder().build().readTree(Files.readString(data));
        var model = new AllMiniLmL6V2QuantizedEmbeddingModel();

        // ---- notes from the facts ----
        Set<String> facts = new LinkedHashSet<>();
        for (JsonNode item : items) {
            facts.add(item.get("fact 1").asText().trim());
            facts.add(item.get("fact 2").asText().trim());
        }
        List<String> factList = new ArrayList<>(facts);
        UUID owner = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        List<Chunk> chunks = new ArrayList<>();
        UUID section = null;
        for (int i = 0, chunkIndex = 0; i < factList.size(); i += 5, chunkIndex++) {
            if (i % 20 == 0) {
                section = UUID.randomUUID();
            }
            String text = String.join(" ", factList.subList(i, Math.min(factList.size(), i + 5)));
            chunks.add(new Chunk(Chunk.idOf(document, chunkIndex), owner, document, "QASC facts", section,
                    "Facts " + (i / 20 + 1), chunkIndex / 2 + 1, chunkIndex / 2 + 1, chunkIndex, text));
        }

        QuestionGenerator generator =
                new QuestionGenerator(model, QuestionGenerator.Settings.DEFAULTS, QuestionRephraser.NONE);
        generator.generate(chunks.subList(0, Math.min(20, chunks.size()))); // warm-up
        long started = System.nanoTime();
        GeneratedBank bank = generator.generate(chunks);
        double seconds = (System.nanoTime() - started) / 1e9;

        int keyInPassage = 0;
        int mcq = 0;
        int mcqGood = 0;
        Map<QuestionType, Integer> byType = new EnumMap<>(QuestionType.class);
        List<String> problems = new ArrayList<>();
        for (QuestionDraft q : bank.questions()) {
            byType.merge(q.type(), 1, Integer::sum);
            String passage = q.passage().text().toLowerCase(Locale.ROOT);
            boolean ok = q.type() == QuestionType.SHORT_ANSWER
                    ? q.keyTerms().stream().allMatch(t -> passage.contains(t.toLowerCase(Locale.ROOT)))
                    : passage.contains(q.key().toLowerCase(Locale.ROOT));
            if (ok) {
                keyInPassage++;
            } else {
                problems.add("key not in passage: " + q);
            }
            if (q.type() == QuestionType.MULTIPLE_CHOICE) {
                mcq++;
                long correct = q.options().stream().filter(o -> o.equals(q.answer())).count();
                Set<String> distinct = new LinkedHashSet<>();
                q.options().forEach(o -> distinct.add(o.toLowerCase(Locale.ROOT).trim()));
                boolean nearDuplicate = false;
                for (String a : distinct) {
                    for (String b : distinct) {
                        if (!a.equals(b) && Text.editDistance(a, b) <= 1) {
                            nearDuplicate = true;
                        }
                    }
                }
                boolean distractorInPassage = q.options().stream()
                        .filter(o -> !o.equals(q.answer()))
                        .anyMatch(o -> Pattern.compile("\\b" + Pattern.quote(o.toLowerCase(Locale.ROOT)) + "\\b")
                                .matcher(passage)
                                .find());
                if (correct == 1 && distinct.size() == q.options().size() && !nearDuplicate && !distractorInPassage) {
                    mcqGood++;
                } else {
                    problems.add("bad MCQ: " + q);
                }
            }
        }
        int total = bank.questions().size();
        System.out.printf("notes: %d facts in %d chunks%n", factList.size(), chunks.size());
        System.out.printf("generated: %d questions %s; dropped by rule %s%n", total, byType, bank.dropped());
        System.out.printf("key in cited passage: %d/%d = %.1f %%%n", keyInPassage, total, 100.0 * keyInPassage / total);
        System.out.printf("MCQ exactly one correct, no duplicate options: %d/%d = %.1f %%%n", mcqGood, mcq,
                100.0 * mcqGood / Math.max(1, mcq));
        System.out.printf("bank generation: %.2f s for %d chunks = %.2f s per 100 chunks%n", seconds, chunks.size(),
                seconds * 100 / chunks.size());
        problems.stream().limit(5).forEach(p -> System.out.println("  " + p));
        if (args.length > 1 && args[1].equals("--samples")) {
            bank.questions().stream().limit(40).forEach(q -> System.out.println("  " + q.type() + " | " + q.prompt()
                    + " | " + q.options() + " | " + (q.type() == QuestionType.SHORT_ANSWER ? q.keyTerms() : q.answer())));
        }

        // ---- answerability proxy: does hybrid retrieval over the same notes bring back the cited passage? ----
        Path indexDir = Files.createTempDirectory("exam-quality-index");
        try (LuceneVectorIndex index = new LuceneVectorIndex(indexDir, true, Duration.ZERO, Retrieval.DEFAULT)) {
            index.upsert(chunks, Embeddings.embedAll(model, chunks.stream().map(Chunk::text).toList()));
            int top1 = 0;
            int top3 = 0;
            for (QuestionDraft q : bank.questions()) {
                String query = q.prompt().replace("_____", " ");
                List<ScoredChunk> hits = index.search(
                        new SearchQuery(owner, query, Embeddings.embed(model, query), Set.of(document), 3));
                for (int k = 0; k < hits.size(); k++) {
                    if (hits.get(k).chunk().text().contains(q.passage().text())) {
                        top1 += k == 0 ? 1 : 0;
                        top3++;
                        break;
                    }
                }
            }
            System.out.printf("retrieval answerability (the question retrieves its cited passage): top-1 %.1f %%, "
                            + "top-3 %.1f %%%n", 100.0 * top1 / total, 100.0 * top3 / total);
        }

        // ---- grader: QASC questions as short-answer items over their two facts ----
        Grader grader = new Grader(model, Grader.Settings.DEFAULTS);
        double correctSum = 0;
        double distractorSum = 0;
        int distractors = 0;
        int top = 0;
        int correctPass = 0;
        int distractorPass = 0;
        for (JsonNode item : items) {
            String question = item.get("question").asText();
            String reference = item.get("fact 1").asText() + " " + item.get("fact 2").asText();
            Gradable gradable = new Gradable(QuestionType.SHORT_ANSWER, question, reference,
                    Text.informativeWords(reference, question), reference);
            String answerLetter = item.get("answer").asText().substring(1, 2);
            Matcher m = OPTION.matcher(item.get("answers").asText());
            double best = -1;
            String bestLetter = "";
            while (m.find()) {
                Grade grade = grader.grade(gradable, m.group(2));
                if (grade.score() > best) {
                    best = grade.score();
                    bestLetter = m.group(1);
                }
                if (m.group(1).equals(answerLetter)) {
                    correctSum += grade.score();
                    correctPass += grade.correct() ? 1 : 0;
                } else {
                    distractorSum += grade.score();
                    distractorPass += grade.correct() ? 1 : 0;
                    distractors++;
                }
            }
            top += bestLetter.equals(answerLetter) ? 1 : 0;
        }
        int n = items.size();
        System.out.printf("grader on %d QASC items: mean score correct option %.3f (target >= 0.8), distractors %.3f "
                        + "(target <= 0.3)%n", n, correctSum / n, distractorSum / distractors);
        System.out.printf("  correct options passed %.1f %%, distractors passed %.1f %%, correct option ranked first "
                        + "%.1f %%%n", 100.0 * correctPass / n, 100.0 * distractorPass / distractors, 100.0 * top / n);
    }
}
