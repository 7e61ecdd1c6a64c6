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
import java.util.List;
import java.util.UUID;
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
