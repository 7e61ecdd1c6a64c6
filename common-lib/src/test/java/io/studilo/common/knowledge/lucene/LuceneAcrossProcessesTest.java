package io.studilo.common.knowledge.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.SearchQuery;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment shape: the writer in one JVM (ingestion), a reader in another (rag/exam), one directory. */
class LuceneAcrossProcessesTest {

    @TempDir
    Path dir;

    @Test
    void aReaderInAnotherProcessSeesTheWritersCommitsAndCannotTakeItsLock() throws Exception {
        UUID owner = UUID.randomUUID();
        Path index = dir.resolve("index");
        try (LuceneVectorIndex reader = new LuceneVectorIndex(index, false, Duration.ofMillis(50), Retrieval.DEFAULT)) {
            assertThat(reader.count(owner)).isZero();

            Process writer = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            WriterProcess.class.getName(),
                            index.toString(),
                            owner.toString(),
                            "5")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertThat(line).startsWith("committed ");
                UUID document = UUID.fromString(line.substring("committed ".length()));

                await().atMost(Duration.ofSeconds(10)).until(() -> reader.count(owner) == 5);
                assertThat(reader.chunks(owner, document, null)).hasSize(5);
                float[] query = new float[8];
                query[2] = 1;
                assertThat(reader.search(SearchQuery.of(owner, "orbital", query, 1), Retrieval.denseOnly(5)))
                        .singleElement()
                        .satisfies(hit -> assertThat(hit.chunk().chunkIndex()).isEqualTo(2));
                assertThatThrownBy(() -> new LuceneVectorIndex(index, true, Duration.ZERO, Retrieval.DEFAULT))
                        .hasMessageContaining("cannot open the Lucene index");
            } finally {
                writer.getOutputStream().close();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(writer.exitValue()).isZero();
            try (LuceneVectorIndex next = new LuceneVectorIndex(index, true, Duration.ZERO, Retrieval.DEFAULT)) {
                assertThat(next.count(owner))
                        .as("the lock is released when the writer process ends")
                        .isEqualTo(5);
            }
        }
    }
}
