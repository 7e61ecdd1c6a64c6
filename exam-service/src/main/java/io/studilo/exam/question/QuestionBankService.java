package io.studilo.exam.question;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.exam.ExamProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds and stores question banks: on {@code DocumentReady} and on demand (an exam or an export asking for a
 * document that has none yet). Reads the notes only through the vector index port, owner-filtered.
 */
@Service
public class QuestionBankService {

    private static final Logger log = LoggerFactory.getLogger(QuestionBankService.class);

    /** Outcome of a generation request. */
    public enum Outcome {
        CREATED,
        ALREADY_EXISTS,
        NO_NOTES
    }

    private final VectorIndex index;
    private final QuestionGenerator generator;
    private final QuestionRepository questions;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final ExamProperties.Rating rating;
    private final Timer generationTimer;

    QuestionBankService(
            VectorIndex index,
            QuestionGenerator generator,
            QuestionRepository questions,
            TransactionTemplate tx,
            MeterRegistry meters,
            ExamProperties properties) {
        this.index = index;
        this.generator = generator;
        this.questions = questions;
        this.tx = tx;
        this.meters = meters;
        this.rating = properties.rating();
        this.generationTimer = Timer.builder("studilo.exam.bank.generation")
                .description("Time to generate and store one document's question bank")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** Generates the document's bank unless the owner already has one; idempotent under redelivery and races. */
    public Outcome generate(UUID ownerId, UUID documentId, @Nullable String title, @Nullable UUID eventId) {
        if (questions.hasBank(ownerId, documentId)) {
            return Outcome.ALREADY_EXISTS;
        }
        List<Chunk> chunks = index.chunks(ownerId, documentId, null);
        if (chunks.isEmpty()) {
            return Outcome.NO_NOTES;
        }
        Timer.Sample sample = Timer.start(meters);
        GeneratedBank bank = generator.generate(chunks);
        String documentTitle = title != null ? title : chunks.get(0).documentTitle();
        Outcome outcome = tx.execute(status -> {
            Optional<UUID> bankId = questions.createBank(ownerId, documentId, documentTitle, eventId);
            if (bankId.isEmpty()) {
                return Outcome.ALREADY_EXISTS;
            }
            questions.insertQuestions(bankId.get(), ownerId, bank.questions(), this::prior);
            return Outcome.CREATED;
        });
        sample.stop(generationTimer);
        if (outcome == Outcome.CREATED) {
            record(bank);
            log.info(
                    "Question bank generated: document={} chunks={} questions={} dropped={}",
                    documentId,
                    chunks.size(),
                    bank.questions().size(),
                    bank.dropped());
        }
        return outcome == null ? Outcome.ALREADY_EXISTS : outcome;
    }

    /** The document's bank as an Anki deck, generated first if needed; empty when the owner has no such notes. */
    public Optional<String> ankiDeck(UUID ownerId, UUID documentId) {
        if (generate(ownerId, documentId, null, null) == Outcome.NO_NOTES) {
            return Optional.empty();
        }
        String title = questions.documentTitle(ownerId, documentId).orElse("Notes");
        return Optional.of(AnkiExport.deck(title, questions.ofDocument(ownerId, documentId)));
    }

    /** Removes the document's bank (and, by cascade, its questions and their exam items). */
    public void delete(UUID ownerId, UUID documentId) {
        questions.deleteBank(ownerId, documentId);
    }

    /** The starting Elo difficulty of a question type. */
    public double prior(QuestionType type) {
        return switch (type) {
            case TRUE_FALSE -> rating.priorTrueFalse();
            case MULTIPLE_CHOICE -> rating.priorMultipleChoice();
            case CLOZE -> rating.priorCloze();
            case SHORT_ANSWER -> rating.priorShortAnswer();
        };
    }

    private void record(GeneratedBank bank) {
        for (QuestionDraft q : bank.questions()) {
            meters.counter("studilo.exam.questions.generated", "type", q.type().name())
                    .increment();
        }
        for (Map.Entry<String, Integer> drop : bank.dropped().entrySet()) {
            meters.counter("studilo.exam.questions.dropped", "rule", drop.getKey())
                    .increment(drop.getValue());
        }
    }
}
