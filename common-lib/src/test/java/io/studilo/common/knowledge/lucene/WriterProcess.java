package io.studilo.common.knowledge.lucene;

import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Retrieval;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The ingestion worker's role in {@link LuceneAcrossProcessesTest}: a separate JVM that opens the writer,
 * commits chunks for the given owner, says so on stdout, and holds the writer until its stdin closes.
 */
public final class WriterProcess {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        UUID owner = UUID.fromString(args[1]);
        int count = Integer.parseInt(args[2]);
        try (LuceneVectorIndex writer = new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT)) {
            UUID document = UUID.randomUUID();
            List<Chunk> chunks = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                chunks.add(new Chunk(
                        Chunk.idOf(document, i),
                        owner,
                        document,
                        "Notes",
                        UUID.randomUUID(),
                        "Section",
                        1,
                        1,
                        i,
                        "Chunk " + i + " about orbital stages."));
                float[] vector = new float[8];
                vector[i % 8] = 1;
                vectors.add(vector);
            }
            writer.upsert(chunks, vectors);
            System.out.println("committed " + document);
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the writer (and its lock) until the test closes our stdin
            }
        }
    }
}
