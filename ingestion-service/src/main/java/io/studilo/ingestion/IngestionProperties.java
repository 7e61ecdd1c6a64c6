package io.studilo.ingestion;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Every knob of the ingestion service (prefix {@code studilo.ingestion}); defaults in application.yml. */
@Validated
@ConfigurationProperties("studilo.ingestion")
public record IngestionProperties(
        @Valid @NotNull Upload upload,
        @Valid @NotNull Storage storage,
        @Valid @NotNull Messaging messaging,
        @Valid @NotNull Worker worker,
        @Valid @NotNull Chunking chunking,
        @Valid @NotNull Progress progress) {

    /**
     * What a student may upload: per file, and per student how many documents they may keep and have waiting for
     * or in processing at once (so one student cannot fill the workers' queue for everyone).
     */
    public record Upload(
            @NotNull DataSize maxFileSize,
            @Min(1) int maxPages,
            @Min(1) int maxTitleLength,
            @Min(1) int maxDocumentsPerUser,
            @Min(1) int maxInProgressPerUser) {}

    /** The S3-compatible object storage the originals live in (MinIO, or S3Proxy on one machine). */
    public record Storage(
            @NotBlank String endpoint,
            @NotBlank String accessKey,
            @NotBlank String secretKey,
            @NotBlank String bucket,
            @NotBlank String region) {}

    /**
     * Job queue topology, retry policy and the outbox relay.
     *
     * @param queueExpiry when set, the job queues are deleted by the broker after being unused this long (for
     *     throw-away environments such as test runs); unset in production
     */
    public record Messaging(
            @NotBlank String jobsExchange,
            @NotBlank String jobsQueue,
            @NotBlank String deadLetterQueue,
            @Min(1) int maxAttempts,
            @NotNull Duration initialBackoff,
            @DecimalMin("1.0") double backoffMultiplier,
            @NotNull Duration maxBackoff,
            @NotNull Duration relayInterval,
            @Min(1) int relayBatchSize,
            @NotNull Duration confirmTimeout,
            @Nullable Duration queueExpiry) {}

    /**
     * The worker that extracts, OCRs, chunks, embeds and indexes.
     *
     * @param concurrency documents processed at once by one replica (one per core: while one document is read,
     *     another is embedded or committed)
     * @param exclusivePages a document declaring more pages than this is processed alone, so a long PDF has the
     *     heap to itself
     * @param pageThreads OCR threads per document (Tesseract itself runs single-threaded: OMP_THREAD_LIMIT=1)
     * @param lease how long a claimed job is protected from a second worker before it counts as abandoned
     *     (longer than the document timeout, so a live worker never loses it)
     * @param stallCheckInterval how often documents whose worker died (lease run out) are queued again
     * @param maxRenderPixels a page rendered for OCR is scaled down below 300 dpi if it would exceed this
     * @param maxImagePixels an uploaded image, or an image inside a PDF page, declaring more pixels than this is
     *     not decoded (the image fails with a reason; inside a PDF the image is left out of the rendered page)
     * @param minTextChars a page with fewer letters or digits in its text layer is OCR'd
     * @param maxGarbageRatio a text layer with more unreadable characters than this share is OCR'd
     * @param pageRangeSize pages per section when a document has no outline and no headings
     * @param textPageChars characters per "page" of a plain-text or Markdown file (for citations)
     */
    public record Worker(
            @Min(1) int concurrency,
            @Min(1) int exclusivePages,
            @Min(1) int pageThreads,
            @NotNull Duration documentTimeout,
            @NotNull Duration lease,
            @NotNull Duration stallCheckInterval,
            @Min(72) int ocrDpi,
            @Min(1_000_000) long maxRenderPixels,
            @Min(1_000_000) long maxImagePixels,
            @NotBlank String tessdata,
            @NotBlank String language,
            @Min(0) int minTextChars,
            @DecimalMin("0.0") @DecimalMax("1.0") double maxGarbageRatio,
            @Min(1) int pageRangeSize,
            @Min(200) int textPageChars) {}

    /** Chunk sizes in (estimated) tokens, and how many chunks are embedded per model call. */
    public record Chunking(
            @Min(20) int targetTokens,
            @Min(0) int overlapTokens,
            @Min(1) int embedBatchSize) {}

    /** Server-sent progress events: how often the database is polled and how long a stream may stay open. */
    public record Progress(
            @NotNull Duration pollInterval, @NotNull Duration timeout) {}
}
