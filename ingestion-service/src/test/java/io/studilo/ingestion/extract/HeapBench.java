package io.studilo.ingestion.extract;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.ingestion.chunk.Chunker;
import io.studilo.ingestion.chunk.DraftChunk;
import io.studilo.ingestion.chunk.DraftSection;
import io.studilo.ingestion.chunk.SectionDetector;
import io.studilo.ingestion.document.DocumentKind;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Runs the worker's pipeline (extract with OCR where needed, sections, chunks, embeddings) on one PDF in its
 * own JVM, started by {@code IngestionThroughputBench} with {@code -Xmx512m}, and prints the peak heap use.
 */
public final class HeapBench {

    private HeapBench() {}

    public static void main(String[] args) {
        Path pdf = Path.of(args[0]);
        long start = System.nanoTime();
        // The live set: heap in use right after each collection (what must fit), sampled in the background.
        long[] liveMax = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long live = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        live += pool.getCollectionUsage().getUsed();
                    }
                }
                liveMax[0] = Math.max(liveMax[0], live);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        Extractors.Stack stack = Extractors.stack(2);
        try {
            Extraction extraction = stack.extractor()
                    .extract(
                            DocumentKind.PDF,
                            pdf,
                            ExtractionListener.NONE,
                            Instant.now().plusSeconds(3600));
            List<DraftSection> sections = new SectionDetector(10).detect(DocumentKind.PDF, extraction);
            List<DraftChunk> chunks = new Chunker(300, 50).chunk(sections);
            AllMiniLmL6V2QuantizedEmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
            int vectors = 0;
            for (int from = 0; from < chunks.size(); from += 32) {
                List<String> texts = chunks.subList(from, Math.min(chunks.size(), from + 32)).stream()
                        .map(DraftChunk::text)
                        .toList();
                vectors += Embeddings.embedAll(model, texts).size();
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf(
                    "HEAP pages=%d ocrPages=%d sections=%d chunks=%d vectors=%d seconds=%.1f maxHeapMB=%d "
                            + "peakHeapMB=%d (sum of pool peaks, eden included) peakLiveAfterGcMB=%d%n",
                    extraction.pages().size(),
                    extraction.ocrPages(),
                    sections.size(),
                    chunks.size(),
                    vectors,
                    (System.nanoTime() - start) / 1e9,
                    Runtime.getRuntime().maxMemory() >> 20,
                    peak >> 20,
                    liveMax[0] >> 20);
        } finally {
            Extractors.shutdown(stack);
        }
    }
}
