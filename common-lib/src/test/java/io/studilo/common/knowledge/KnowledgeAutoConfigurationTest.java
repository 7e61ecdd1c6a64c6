package io.studilo.common.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import io.qdrant.client.QdrantClient;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import io.studilo.common.knowledge.qdrant.QdrantVectorIndex;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.lucene.index.IndexWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

class KnowledgeAutoConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(KnowledgeAutoConfiguration.class, KnowledgeHealthAutoConfiguration.class));

    @Test
    void providesTheDefaultEmbeddingModelAndALuceneWriterWhereConfigured() {
        runner.withPropertyValues("studilo.knowledge.index-dir=" + dir, "studilo.knowledge.writer=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(EmbeddingModel.class).hasSingleBean(VectorIndex.class);
                    assertThat(context.getBean("vectorIndex")).isInstanceOf(LuceneVectorIndex.class);
                    assertThat(context.getBean(EmbeddingModel.class).dimension())
                            .isEqualTo(384);
                    assertThat(context.getBean(KnowledgeProperties.class).retrieval())
                            .isEqualTo(Retrieval.DEFAULT);
                    assertThat(health(context)).isEqualTo(Status.UP);
                });
    }

    @Test
    void bindsTheRetrievalKnobs() {
        runner.withPropertyValues(
                        "studilo.knowledge.index-dir=" + dir,
                        "studilo.knowledge.rrf-k=30",
                        "studilo.knowledge.dense-candidates=80",
                        "studilo.knowledge.lexical-candidates=20",
                        "studilo.knowledge.lexical-weight=0.5")
                .run(context -> assertThat(
                                context.getBean(KnowledgeProperties.class).retrieval())
                        .isEqualTo(new Retrieval(30, 80, 20, 1.0, 0.5)));
    }

    @Test
    void leavesServicesWithoutTheOptionalDependenciesAlone() {
        runner.withClassLoader(new FilteredClassLoader(IndexWriter.class, AbstractInProcessEmbeddingModel.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context)
                            .doesNotHaveBean(VectorIndex.class)
                            .doesNotHaveBean("embeddingModel")
                            .doesNotHaveBean("vectorIndexHealthIndicator");
                });
    }

    @Test
    void startsWithQdrantSelectedEvenWhileQdrantIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        runner.withPropertyValues(
                        "studilo.knowledge.index=qdrant",
                        "studilo.knowledge.qdrant.port=" + closedPort,
                        "studilo.knowledge.qdrant.timeout=1s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(QdrantClient.class);
                    VectorIndex index = context.getBean(VectorIndex.class);
                    assertThat(index).isInstanceOf(QdrantVectorIndex.class);
                    assertThatThrownBy(() -> index.count(UUID.randomUUID()))
                            .isInstanceOf(QdrantVectorIndex.QdrantUnavailableException.class);
                    assertThat(health(context)).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void failsClearlyOnAnUnknownEmbeddingModel() {
        runner.withPropertyValues("studilo.knowledge.index-dir=" + dir, "studilo.knowledge.embedding-model=gpt-9")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("unknown studilo.knowledge.embedding-model 'gpt-9'"));
    }

    private static Status health(ApplicationContext context) {
        return context.getBean("vectorIndexHealthIndicator", HealthIndicator.class)
                .health()
                .getStatus();
    }
}
