package io.studilo.common.knowledge.qdrant;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.QueryFactory.rrf;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;

import com.google.common.util.concurrent.ListenableFuture;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.VectorOutputHelper;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.Rrf;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.ScoredChunk;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.VectorIndex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production adapter of the {@link VectorIndex} port: one Qdrant collection for every owner, each chunk a
 * point whose id is a name-based UUID of the chunk id (so upserts replace), with a named dense vector
 * ({@value #DENSE}, cosine), a named sparse lexical vector ({@value #LEXICAL}, BM25-style term weights, IDF by
 * Qdrant) and the chunk as payload; {@code ownerId}, {@code documentId} and {@code sectionId} are keyword
 * payload indexes. The collection and indexes are created on startup when missing.
 *
 * <p>Search is one Query API batch: the hybrid query (a dense and a sparse prefetch, both filtered by owner and
 * documents, fused by Qdrant's RRF) returning payload and dense vectors (each hit's cosine, and the stored vector
 * in {@link ScoredChunk}), plus the sparse prefetch on its own for the lexical scores.
 */
public final class QdrantVectorIndex implements VectorIndex {

    static final String DENSE = "dense";
    static final String LEXICAL = "lexical";
    static final String CHUNK_ID = "chunkId";
    static final String OWNER = "ownerId";
    static final String DOCUMENT = "documentId";
    static final String SECTION = "sectionId";
    static final String DOCUMENT_TITLE = "documentTitle";
    static final String SECTION_TITLE = "sectionTitle";
    static final String PAGE_START = "pageStart";
    static final String PAGE_END = "pageEnd";
    static final String CHUNK_INDEX = "chunkIndex";
    static final String TEXT = "text";

    private static final int SCROLL_PAGE = 256;
    private static final Logger log = LoggerFactory.getLogger(QdrantVectorIndex.class);

    private final QdrantClient client;
    private final String collection;
    private final Retrieval defaults;
    private final Duration timeout;
    private final LexicalVectors lexical = new LexicalVectors();
    private final int dimension;
    private volatile boolean ready;

    /**
     * Connects to the collection, creating it (and its payload indexes) when missing. If Qdrant is not reachable
     * yet the service still starts, and the first call that reaches Qdrant completes the setup.
     *
     * @param dimension the dense vectors' size (the embedding model's dimension)
     */
    public QdrantVectorIndex(
            QdrantClient client, String collection, int dimension, Retrieval defaults, Duration timeout) {
        this.client = client;
        this.collection = collection;
        this.defaults = defaults;
        this.timeout = timeout;
        this.dimension = dimension;
        try {
            ensureReady();
        } catch (QdrantUnavailableException e) {
            log.warn("Qdrant collection {} not ready yet, will retry on first use: {}", collection, e.getMessage());
        }
    }

    /** The point id of a chunk: a name-based (v3) UUID of its deterministic chunk id. */
    public static UUID pointId(String chunkId) {
        return UUID.nameUUIDFromBytes(chunkId.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void upsert(List<Chunk> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk: " + chunks.size() + " != " + vectors.size());
        }
        if (chunks.isEmpty()) {
            return;
        }
        ensureReady();
        UpsertPoints.Builder upsert =
                UpsertPoints.newBuilder().setCollectionName(collection).setWait(true);
        for (int i = 0; i < chunks.size(); i++) {
            upsert.addPoints(toPoint(chunks.get(i), Embeddings.normalized(vectors.get(i))));
        }
        await(client.upsertAsync(upsert.build(), timeout), "upsert chunks");
    }

    @Override
    public void deleteDocument(UUID ownerId, UUID documentId) {
        ensureReady();
        Filter filter = Filter.newBuilder()
                .addMust(matchKeyword(OWNER, ownerId.toString()))
                .addMust(matchKeyword(DOCUMENT, documentId.toString()))
                .build();
        await(
                client.deleteAsync(
                        DeletePoints.newBuilder()
                                .setCollectionName(collection)
                                .setWait(true)
                                .setPoints(PointsSelector.newBuilder().setFilter(filter))
                                .build(),
                        timeout),
                "delete a document's chunks");
    }

    @Override
    public List<ScoredChunk> search(SearchQuery query) {
        return search(query, defaults);
    }

    @Override
    public List<ScoredChunk> search(SearchQuery query, Retrieval retrieval) {
        ensureReady();
        List<QueryPoints> batch = searchBatch(query, retrieval);
        if (batch.isEmpty()) {
            return List.of();
        }
        float[] vector = Embeddings.normalized(query.vector());
        List<BatchResult> results = await(client.queryBatchAsync(collection, batch, null, timeout), "search");
        List<ScoredPoint> ranked = results.get(0).getResultList();
        List<ScoredChunk> hits = new ArrayList<>(Math.min(query.limit(), ranked.size()));
        if (batch.get(0).getPrefetchCount() > 0) {
            Map<String, Float> lexicalScores = new HashMap<>();
            results.get(1)
                    .getResultList()
                    .forEach(p -> lexicalScores.put(p.getId().getUuid(), p.getScore()));
            for (ScoredPoint point : ranked) {
                float[] stored = denseVector(point);
                hits.add(new ScoredChunk(
                        toChunk(point.getPayloadMap()),
                        point.getScore(),
                        cosine(stored, vector),
                        lexicalScores.getOrDefault(point.getId().getUuid(), 0f),
                        stored));
            }
            return hits;
        }
        boolean dense = batch.get(0).getUsing().equals(DENSE);
        double weight = dense ? retrieval.denseWeight() : retrieval.lexicalWeight();
        for (int rank = 1; rank <= Math.min(query.limit(), ranked.size()); rank++) {
            ScoredPoint point = ranked.get(rank - 1);
            float[] stored = denseVector(point);
            hits.add(new ScoredChunk(
                    toChunk(point.getPayloadMap()),
                    weight / (retrieval.rrfK() + rank),
                    dense ? point.getScore() : cosine(stored, vector),
                    dense ? 0 : point.getScore(),
                    stored));
        }
        return hits;
    }

    /**
     * The Query API batch of one search. With both retrievers: the fused query (dense and sparse prefetches, RRF)
     * returning payload and dense vectors (for every hit's cosine), then the sparse query alone (for the lexical
     * scores). With one retriever: that query alone. Empty when neither has anything to search with.
     */
    List<QueryPoints> searchBatch(SearchQuery query, Retrieval retrieval) {
        Filter filter = ownerFilter(query);
        float[] vector = Embeddings.normalized(query.vector());
        PrefetchQuery dense = retrieval.denseCandidates() > 0 && vector.length > 0
                ? PrefetchQuery.newBuilder()
                        .setQuery(nearest(vector))
                        .setUsing(DENSE)
                        .setFilter(filter)
                        .setLimit(retrieval.denseCandidates())
                        .build()
                : null;
        LexicalVectors.Sparse terms = lexical.query(query.text());
        PrefetchQuery sparse = retrieval.lexicalCandidates() > 0 && !terms.isEmpty()
                ? PrefetchQuery.newBuilder()
                        .setQuery(nearest(terms.values(), terms.indices()))
                        .setUsing(LEXICAL)
                        .setFilter(filter)
                        .setLimit(retrieval.lexicalCandidates())
                        .build()
                : null;
        QueryPoints.Builder main = QueryPoints.newBuilder()
                .setCollectionName(collection)
                .setFilter(filter)
                .setWithPayload(enable(true))
                .setWithVectors(WithVectorsSelectorFactory.include(List.of(DENSE)));
        if (dense != null && sparse != null) {
            // Qdrant ranks from 0 (score 1 / (k + rank)); k + 1 gives the same scores as the 1-based Lucene fusion
            Rrf.Builder fusion = Rrf.newBuilder().setK(retrieval.rrfK() + 1);
            if (retrieval.denseWeight() != retrieval.lexicalWeight()) {
                fusion.addWeights((float) retrieval.denseWeight()).addWeights((float) retrieval.lexicalWeight());
            }
            main.addPrefetch(dense)
                    .addPrefetch(sparse)
                    .setQuery(rrf(fusion.build()))
                    .setLimit(query.limit());
            return List.of(main.build(), alone(sparse, filter).build());
        }
        PrefetchQuery only = dense != null ? dense : sparse;
        if (only == null) {
            return List.of();
        }
        return List.of(main.setQuery(only.getQuery())
                .setUsing(only.getUsing())
                .setLimit(Math.min(query.limit(), only.getLimit()))
                .build());
    }

    private QueryPoints.Builder alone(PrefetchQuery prefetch, Filter filter) {
        return QueryPoints.newBuilder()
                .setCollectionName(collection)
                .setQuery(prefetch.getQuery())
                .setUsing(prefetch.getUsing())
                .setFilter(filter)
                .setLimit(prefetch.getLimit());
    }

    /** A returned point's dense vector (Qdrant stores it normalised for cosine distance). */
    private static float[] denseVector(ScoredPoint point) {
        Points.VectorOutput output =
                point.getVectors().getVectors().getVectorsMap().get(DENSE);
        if (output == null) {
            throw new IllegalStateException("Qdrant returned a point without its dense vector");
        }
        List<Float> data = VectorOutputHelper.getDenseVector(output).getDataList();
        float[] vector = new float[data.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = data.get(i);
        }
        return vector;
    }

    /** The dot product of two unit vectors, 0 when the query has none (or another dimension). */
    private static double cosine(float[] stored, float[] query) {
        if (stored.length != query.length) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < query.length; i++) {
            dot += stored[i] * query[i];
        }
        return dot;
    }

    @Override
    public List<Chunk> chunks(UUID ownerId, UUID documentId, @Nullable UUID sectionId) {
        ensureReady();
        Filter.Builder filter = Filter.newBuilder()
                .addMust(matchKeyword(OWNER, ownerId.toString()))
                .addMust(matchKeyword(DOCUMENT, documentId.toString()));
        if (sectionId != null) {
            filter.addMust(matchKeyword(SECTION, sectionId.toString()));
        }
        List<Chunk> chunks = new ArrayList<>();
        PointId offset = null;
        do {
            ScrollPoints.Builder scroll = ScrollPoints.newBuilder()
                    .setCollectionName(collection)
                    .setFilter(filter)
                    .setLimit(SCROLL_PAGE)
                    .setWithPayload(enable(true));
            if (offset != null) {
                scroll.setOffset(offset);
            }
            ScrollResponse page = await(client.scrollAsync(scroll.build(), timeout), "list a document's chunks");
            for (RetrievedPoint point : page.getResultList()) {
                chunks.add(toChunk(point.getPayloadMap()));
            }
            offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
        } while (offset != null);
        chunks.sort(Comparator.comparingInt(Chunk::chunkIndex));
        return chunks;
    }

    @Override
    public long count(UUID ownerId) {
        ensureReady();
        return await(
                client.countAsync(
                        collection,
                        Filter.newBuilder()
                                .addMust(matchKeyword(OWNER, ownerId.toString()))
                                .build(),
                        true,
                        timeout),
                "count chunks");
    }

    private void ensureReady() {
        if (!ready) {
            synchronized (this) {
                if (!ready) {
                    ensureCollection();
                    ready = true;
                }
            }
        }
    }

    private void ensureCollection() {
        if (!await(client.collectionExistsAsync(collection, timeout), "check the collection")) {
            try {
                await(
                        client.createCollectionAsync(
                                CreateCollection.newBuilder()
                                        .setCollectionName(collection)
                                        .setVectorsConfig(VectorsConfig.newBuilder()
                                                .setParamsMap(VectorParamsMap.newBuilder()
                                                        .putMap(
                                                                DENSE,
                                                                VectorParams.newBuilder()
                                                                        .setSize(dimension)
                                                                        .setDistance(Distance.Cosine)
                                                                        .build())))
                                        .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                                                .putMap(
                                                        LEXICAL,
                                                        SparseVectorParams.newBuilder()
                                                                .setModifier(Modifier.Idf)
                                                                .build()))
                                        .build(),
                                timeout),
                        "create the collection");
            } catch (QdrantUnavailableException e) {
                // another replica may have created it in the meantime
                if (!await(client.collectionExistsAsync(collection, timeout), "check the collection")) {
                    throw e;
                }
            }
        }
        for (String field : List.of(OWNER, DOCUMENT, SECTION)) {
            await(
                    client.createPayloadIndexAsync(
                            collection, field, PayloadSchemaType.Keyword, null, true, null, timeout),
                    "create the payload index on " + field);
        }
    }

    private static Filter ownerFilter(SearchQuery query) {
        Filter.Builder filter =
                Filter.newBuilder().addMust(matchKeyword(OWNER, query.ownerId().toString()));
        if (!query.documentIds().isEmpty()) {
            filter.addMust(matchKeywords(
                    DOCUMENT, query.documentIds().stream().map(UUID::toString).toList()));
        }
        return filter.build();
    }

    PointStruct toPoint(Chunk chunk, float[] dense) {
        Map<String, Vector> vectors = new HashMap<>();
        vectors.put(DENSE, vector(dense));
        LexicalVectors.Sparse terms = lexical.document(chunk.text());
        if (!terms.isEmpty()) {
            vectors.put(LEXICAL, vector(terms.values(), terms.indices()));
        }
        Map<String, Value> payload = new HashMap<>();
        payload.put(CHUNK_ID, value(chunk.id()));
        payload.put(OWNER, value(chunk.ownerId().toString()));
        payload.put(DOCUMENT, value(chunk.documentId().toString()));
        payload.put(SECTION, value(chunk.sectionId().toString()));
        payload.put(DOCUMENT_TITLE, value(chunk.documentTitle()));
        payload.put(SECTION_TITLE, value(chunk.sectionTitle()));
        payload.put(PAGE_START, value(chunk.pageStart()));
        payload.put(PAGE_END, value(chunk.pageEnd()));
        payload.put(CHUNK_INDEX, value(chunk.chunkIndex()));
        payload.put(TEXT, value(chunk.text()));
        return PointStruct.newBuilder()
                .setId(id(pointId(chunk.id())))
                .setVectors(namedVectors(vectors))
                .putAllPayload(payload)
                .build();
    }

    static Chunk toChunk(Map<String, Value> payload) {
        return new Chunk(
                payload.get(CHUNK_ID).getStringValue(),
                UUID.fromString(payload.get(OWNER).getStringValue()),
                UUID.fromString(payload.get(DOCUMENT).getStringValue()),
                payload.get(DOCUMENT_TITLE).getStringValue(),
                UUID.fromString(payload.get(SECTION).getStringValue()),
                payload.get(SECTION_TITLE).getStringValue(),
                (int) payload.get(PAGE_START).getIntegerValue(),
                (int) payload.get(PAGE_END).getIntegerValue(),
                (int) payload.get(CHUNK_INDEX).getIntegerValue(),
                payload.get(TEXT).getStringValue());
    }

    private <T> T await(ListenableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QdrantUnavailableException("interrupted while Qdrant was asked to " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            future.cancel(true);
            throw new QdrantUnavailableException("Qdrant could not " + what + " in collection " + collection, e);
        }
    }

    /** Qdrant failed or did not answer in time; callers' circuit breakers count it. */
    public static final class QdrantUnavailableException extends RuntimeException {

        QdrantUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
