package io.studilo.common.knowledge.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.SearchQuery;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the adapter asks Qdrant for, checked without a server (none can run on this machine; the contract IT
 * checks the answers where Docker runs): owner and document filters on every retriever, the fusion settings, the
 * payload round trip. The client points at a closed port, which also shows the adapter tolerates an unreachable
 * Qdrant at construction.
 */
class QdrantRequestsTest {

    private static QdrantClient client;
    private static QdrantVectorIndex index;

    @BeforeAll
    static void create() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        client = new QdrantClient(
                QdrantGrpcClient.newBuilder("127.0.0.1", closedPort, false).build());
        index = new QdrantVectorIndex(client, "chunks", 3, Retrieval.DEFAULT, Duration.ofSeconds(1));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void hybridSearchFusesOwnerFilteredPrefetchesAndAsksEachRetrieverForItsScores() {
        UUID owner = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        SearchQuery query = new SearchQuery(owner, "rocket thrust", new float[] {3, 0, 4}, Set.of(document), 7);

        List<QueryPoints> batch = index.searchBatch(query, Retrieval.DEFAULT);

        assertThat(batch).hasSize(2);
        QueryPoints fused = batch.get(0);
        assertThat(fused.getPrefetchList())
                .extracting(p -> p.getUsing())
                .containsExactly(QdrantVectorIndex.DENSE, QdrantVectorIndex.LEXICAL);
        assertThat(fused.getPrefetchList()).extracting(p -> p.getLimit()).containsExactly(50L, 10L);
        assertThat(fused.getQuery().getRrf().getK()).isEqualTo(Retrieval.DEFAULT.rrfK() + 1);
        assertThat(fused.getQuery().getRrf().getWeightsList()).containsExactly(1.0f, 0.5f);
        assertThat(fused.getLimit()).isEqualTo(7);
        assertThat(fused.getWithPayload().getEnable()).isTrue();
        assertThat(fused.getWithVectors().getInclude().getNamesList()).containsExactly(QdrantVectorIndex.DENSE);
        assertThat(batch.get(1).getUsing()).isEqualTo(QdrantVectorIndex.LEXICAL);
        assertThat(batch.get(1).getLimit()).isEqualTo(10);
        assertThat(fused.getPrefetch(0).getQuery().getNearest().getDense().getDataList())
                .containsExactly(0.6f, 0f, 0.8f); // normalised
        for (var filter : List.of(
                fused.getFilter(),
                fused.getPrefetch(0).getFilter(),
                fused.getPrefetch(1).getFilter(),
                batch.get(1).getFilter())) {
            assertThat(filter.getMustList())
                    .extracting(Condition::toString)
                    .anySatisfy(
                            c -> assertThat(c).contains(QdrantVectorIndex.OWNER).contains(owner.toString()))
                    .anySatisfy(c ->
                            assertThat(c).contains(QdrantVectorIndex.DOCUMENT).contains(document.toString()));
        }
    }

    @Test
    void equalWeightsSendNoWeights() {
        SearchQuery query = SearchQuery.of(UUID.randomUUID(), "orbit", new float[] {1, 0, 0}, 5);

        List<QueryPoints> batch = index.searchBatch(query, new Retrieval(60, 20, 20));

        assertThat(batch.get(0).getQuery().getRrf().getWeightsCount()).isZero();
        assertThat(batch.get(0).getQuery().getRrf().getK()).isEqualTo(61);
    }

    @Test
    void aSingleRetrieverIsOnePlainQueryWithPayload() {
        SearchQuery stopWordsOnly = SearchQuery.of(UUID.randomUUID(), "the of and", new float[] {1, 0, 0}, 5);
        SearchQuery noVector = SearchQuery.of(UUID.randomUUID(), "orbit", new float[0], 5);

        assertThat(index.searchBatch(stopWordsOnly, Retrieval.DEFAULT))
                .singleElement()
                .satisfies(q -> {
                    assertThat(q.getUsing()).isEqualTo(QdrantVectorIndex.DENSE);
                    assertThat(q.getPrefetchCount()).isZero();
                    assertThat(q.getWithPayload().getEnable()).isTrue();
                    assertThat(q.getLimit()).isEqualTo(5);
                });
        assertThat(index.searchBatch(noVector, Retrieval.DEFAULT))
                .singleElement()
                .satisfies(q -> assertThat(q.getUsing()).isEqualTo(QdrantVectorIndex.LEXICAL));
        assertThat(index.searchBatch(SearchQuery.of(UUID.randomUUID(), "the", new float[0], 5), Retrieval.DEFAULT))
                .isEmpty();
    }

    @Test
    void aChunkSurvivesThePayloadRoundTripUnderANameBasedPointId() {
        UUID document = UUID.randomUUID();
        Chunk chunk = new Chunk(
                Chunk.idOf(document, 4),
                UUID.randomUUID(),
                document,
                "Notes",
                UUID.randomUUID(),
                "Engines",
                3,
                4,
                4,
                "Specific impulse measures engine efficiency.");

        var point = index.toPoint(chunk, new float[] {1, 0, 0});

        assertThat(QdrantVectorIndex.toChunk(point.getPayloadMap())).isEqualTo(chunk);
        assertThat(point.getId().getUuid())
                .isEqualTo(QdrantVectorIndex.pointId(chunk.id()).toString());
        assertThat(point.getVectors().getVectors().getVectorsMap())
                .containsKeys(QdrantVectorIndex.DENSE, QdrantVectorIndex.LEXICAL);
    }

    @Test
    void callsFailWithQdrantUnavailableWhileTheServerIsDown() {
        assertThatThrownBy(() -> index.count(UUID.randomUUID()))
                .isInstanceOf(QdrantVectorIndex.QdrantUnavailableException.class)
                .hasMessageContaining("Qdrant could not");
    }
}
