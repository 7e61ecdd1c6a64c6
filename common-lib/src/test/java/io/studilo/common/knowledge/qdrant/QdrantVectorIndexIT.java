package io.studilo.common.knowledge.qdrant;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.VectorIndex;
import io.studilo.common.knowledge.VectorIndexContract;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/**
 * The contract against a real Qdrant server. No Qdrant binary is packaged for this machine, so it runs only where
 * Docker does (Testcontainers) and is skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class QdrantVectorIndexIT extends VectorIndexContract {

    @Container
    static final QdrantContainer QDRANT = new QdrantContainer("qdrant/qdrant:v1.17.0");

    private static QdrantClient client;
    private static QdrantVectorIndex index;

    @BeforeAll
    static void connect() {
        client = new QdrantClient(QdrantGrpcClient.newBuilder(QDRANT.getHost(), QDRANT.getGrpcPort(), false)
                .build());
        index = new QdrantVectorIndex(client, "contract", 384, Retrieval.DEFAULT, Duration.ofSeconds(10));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    protected VectorIndex index() {
        return index;
    }

    @Test
    void reopeningAnExistingCollectionKeepsItsChunks() {
        UUID owner = UUID.randomUUID();
        upsert(owner, UUID.randomUUID(), UUID.randomUUID(), 0, java.util.List.of("Kept across restarts."));

        QdrantVectorIndex again =
                new QdrantVectorIndex(client, "contract", 384, Retrieval.DEFAULT, Duration.ofSeconds(10));

        assertThat(again.count(owner)).isEqualTo(1);
    }

    @Test
    void pointIdsAreStableNameBasedUuids() {
        assertThat(QdrantVectorIndex.pointId("a:1")).isEqualTo(QdrantVectorIndex.pointId("a:1"));
        assertThat(QdrantVectorIndex.pointId("a:1")).isNotEqualTo(QdrantVectorIndex.pointId("a:2"));
        assertThat(QdrantVectorIndex.pointId("a:1").version()).isEqualTo(3);
    }
}
