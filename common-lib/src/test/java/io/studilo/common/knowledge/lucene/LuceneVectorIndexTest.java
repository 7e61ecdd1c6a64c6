package io.studilo.common.knowledge.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.TestEmbeddings;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.common.knowledge.VectorIndexContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorIndexTest extends VectorIndexContract {

    @TempDir
    static Path sharedDir;

    private static LuceneVectorIndex index;

    @BeforeAll
    static void open() {
        index = new LuceneVectorIndex(sharedDir, true, Duration.ZERO, Retrieval.DEFAULT);
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Override
    protected VectorIndex index() {
        return index;
    }

    /** The ingestion worker writes, rag and exam read the same directory from other processes. */
    @Nested
    class WriterAndReaders {

        @TempDir
        Path dir;

        @Test
        void aReaderOpenedBeforeTheIndexExistsSeesNothingThenTheWritersCommits() {
            UUID owner = UUID.randomUUID();
            UUID document = UUID.randomUUID();
            try (LuceneVectorIndex reader =
                    new LuceneVectorIndex(dir.resolve("index"), false, Duration.ZERO, Retrieval.DEFAULT)) {
                assertThat(reader.count(owner)).isZero();
                assertThat(reader.search(query(owner, "rockets"))).isEmpty();
                assertThat(reader.chunks(owner, document, null)).isEmpty();

                try (LuceneVectorIndex writer =
                        new LuceneVectorIndex(dir.resolve("index"), true, Duration.ZERO, Retrieval.DEFAULT)) {
                    writer.upsert(
                            List.of(chunk(owner, document, 0, "Rockets need thrust greater than their weight.")),
                            TestEmbeddings.embedAll(List.of("Rockets need thrust greater than their weight.")));

                    assertThat(reader.count(owner)).isEqualTo(1);
                    assertThat(reader.search(query(owner, "rockets")))
                            .singleElement()
                            .satisfies(
                                    hit -> assertThat(hit.chunk().documentId()).isEqualTo(document));

                    writer.deleteDocument(owner, document);
                    assertThat(reader.count(owner)).isZero();
                }
            }
        }

        @Test
        void aReaderPicksUpCommitsAtItsRefreshIntervalOrOnDemand() {
            UUID owner = UUID.randomUUID();
            try (LuceneVectorIndex writer = new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT);
                    LuceneVectorIndex reader =
                            new LuceneVectorIndex(dir, false, Duration.ofHours(1), Retrieval.DEFAULT)) {
                assertThat(reader.count(owner)).isZero();
                writer.upsert(
                        List.of(chunk(owner, UUID.randomUUID(), 0, "Stage separation.")),
                        TestEmbeddings.embedAll(List.of("Stage separation.")));

                assertThat(reader.count(owner)).as("not refreshed yet").isZero();
                reader.refresh();
                assertThat(reader.count(owner)).isEqualTo(1);
            }
        }

        @Test
        void aReaderRefusesToWriteAndASecondWriterCannotOpen() {
            try (LuceneVectorIndex writer = new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT);
                    LuceneVectorIndex reader = new LuceneVectorIndex(dir, false, Duration.ZERO, Retrieval.DEFAULT)) {
                assertThatThrownBy(() -> reader.deleteDocument(UUID.randomUUID(), UUID.randomUUID()))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("read-only");
                assertThatThrownBy(() -> new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT))
                        .hasMessageContaining("cannot open the Lucene index");
                assertThat(writer.count(UUID.randomUUID())).isZero();
            }
        }

        @Test
        void refusesAnIndexBuiltWithAnotherEmbeddingModel() {
            UUID owner = UUID.randomUUID();
            try (LuceneVectorIndex writer =
                    new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT, "model-a")) {
                writer.upsert(
                        List.of(chunk(owner, UUID.randomUUID(), 0, "Orbital mechanics.")),
                        TestEmbeddings.embedAll(List.of("Orbital mechanics.")));
            }

            assertThatThrownBy(() -> new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT, "model-b"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("built with embedding model model-a")
                    .hasMessageContaining("studilo.knowledge.embedding-model is model-b");
            try (LuceneVectorIndex reader =
                    new LuceneVectorIndex(dir, false, Duration.ZERO, Retrieval.DEFAULT, "model-b")) {
                assertThatThrownBy(() -> reader.count(owner))
                        .hasMessageContaining("built with embedding model model-a");
            }
            try (LuceneVectorIndex writer =
                            new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT, "model-a");
                    LuceneVectorIndex reader =
                            new LuceneVectorIndex(dir, false, Duration.ZERO, Retrieval.DEFAULT, "model-a")) {
                assertThat(writer.count(owner)).isEqualTo(1);
                assertThat(reader.count(owner)).isEqualTo(1);
            }
        }

        @Test
        void anEmptyIndexCanSwitchModels() {
            new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT, "model-a").close();
            try (LuceneVectorIndex writer =
                    new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT, "model-b")) {
                assertThat(writer.count(UUID.randomUUID())).isZero();
            }
        }

        @Test
        void searchesRunSafelyWhileTheWriterCommits() throws Exception {
            UUID owner = UUID.randomUUID();
            List<String> texts = List.of("Thrust.", "Drag.", "Lift.", "Weight.", "Stability.");
            List<float[]> vectors = TestEmbeddings.embedAll(texts);
            float[] queryVector = TestEmbeddings.embed("forces on a rocket");
            try (LuceneVectorIndex writer = new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT);
                    LuceneVectorIndex reader = new LuceneVectorIndex(dir, false, Duration.ZERO, Retrieval.DEFAULT)) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> searches = new ArrayList<>();
                    for (int t = 0; t < 3; t++) {
                        LuceneVectorIndex index = t == 0 ? writer : reader;
                        searches.add(pool.submit(() -> {
                            for (int i = 0; i < 200; i++) {
                                assertThat(index.search(SearchQuery.of(owner, "forces rocket drag", queryVector, 5)))
                                        .allSatisfy(
                                                hit -> assertThat(hit.chunk().ownerId())
                                                        .isEqualTo(owner));
                            }
                            return null;
                        }));
                    }
                    for (int batch = 0; batch < 20; batch++) {
                        UUID document = UUID.randomUUID();
                        List<Chunk> chunks = new ArrayList<>();
                        for (int i = 0; i < texts.size(); i++) {
                            chunks.add(chunk(owner, document, i, texts.get(i)));
                        }
                        writer.upsert(chunks, vectors);
                    }
                    for (Future<?> search : searches) {
                        search.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(reader.count(owner)).isEqualTo(100);
            }
        }

        @Test
        void concurrentUpsertsAreEachDurableAndWholeWhenTheyReturn() throws Exception {
            UUID owner = UUID.randomUUID();
            List<String> texts = List.of("Thrust.", "Drag.", "Lift.", "Weight.", "Stability.");
            List<float[]> vectors = TestEmbeddings.embedAll(texts);
            try (LuceneVectorIndex writer = new LuceneVectorIndex(dir, true, Duration.ZERO, Retrieval.DEFAULT);
                    LuceneVectorIndex reader = new LuceneVectorIndex(dir, false, Duration.ZERO, Retrieval.DEFAULT)) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> writers = new ArrayList<>();
                    for (int t = 0; t < 4; t++) {
                        writers.add(pool.submit(() -> {
                            for (int n = 0; n < 10; n++) {
                                UUID document = UUID.randomUUID();
                                List<Chunk> chunks = new ArrayList<>();
                                for (int i = 0; i < texts.size(); i++) {
                                    chunks.add(chunk(owner, document, i, texts.get(i)));
                                }
                                writer.upsert(chunks, vectors);
                                // A reader (as in another process) sees only what is committed on disk.
                                reader.refresh();
                                assertThat(reader.chunks(owner, document, null)).hasSize(5);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> w : writers) {
                        w.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(reader.count(owner)).isEqualTo(200);
            }
        }

        private static SearchQuery query(UUID owner, String text) {
            return SearchQuery.of(owner, text, TestEmbeddings.embed(text), 5);
        }

        private static Chunk chunk(UUID owner, UUID document, int index, String text) {
            return new Chunk(
                    Chunk.idOf(document, index),
                    owner,
                    document,
                    "Notes",
                    UUID.randomUUID(),
                    "Section",
                    1,
                    1,
                    index,
                    text);
        }
    }
}
