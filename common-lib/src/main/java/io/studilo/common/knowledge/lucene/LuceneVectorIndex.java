package io.studilo.common.knowledge.lucene;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.studilo.common.knowledge.Chunk;
import io.studilo.common.knowledge.Embeddings;
import io.studilo.common.knowledge.Retrieval;
import io.studilo.common.knowledge.ScoredChunk;
import io.studilo.common.knowledge.SearchQuery;
import io.studilo.common.knowledge.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;
import org.jspecify.annotations.Nullable;

/**
 * The embedded adapter of the {@link VectorIndex} port: one Lucene directory holding, per chunk, its payload
 * as stored fields, its unit embedding as an HNSW vector (dot product = cosine) and its text as a BM25 field
 * (English analyzer). Every query carries the owner (and document) filter inside both retrievers, so the kNN
 * and BM25 candidates are already the owner's; the two ranked lists are fused by reciprocal rank fusion.
 *
 * <p>One process writes ({@code writer = true}: an {@link IndexWriter}; each upsert or delete returns once a
 * commit covering it is durable, and concurrent callers share one commit); the others open the same directory
 * read-only and pick up new commits at most {@code refresh} later. A reader started before the writer ever
 * committed sees an empty index. Thread-safe.
 */
public final class LuceneVectorIndex implements VectorIndex, AutoCloseable {

    static final String ID = "id";
    static final String OWNER = "owner";
    static final String DOCUMENT = "document";
    static final String SECTION = "section";
    static final String DOCUMENT_TITLE = "documentTitle";
    static final String SECTION_TITLE = "sectionTitle";
    static final String PAGE_START = "pageStart";
    static final String PAGE_END = "pageEnd";
    static final String CHUNK_INDEX = "chunkIndex";
    static final String TEXT = "text";
    static final String VECTOR = "vector";
    static final String EMBEDDING_MODEL = "studilo.embeddingModel";
    static final int RECENT_CHUNKS = 10_000;

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final @Nullable IndexWriter writer;
    private final Retrieval defaults;
    private final @Nullable String embeddingModel;
    private final long refreshNanos;
    private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime());
    private final Object openLock = new Object();
    /**
     * Chunks recently returned by searches, by segment and document: a hit found again costs no stored-field
     * decompression (a quarter of a search's CPU). Segments never change, so an entry cannot go stale: an updated
     * chunk is a new document, and the searcher never returns the deleted one.
     */
    private final Cache<SegmentDoc, Chunk> recentChunks =
            Caffeine.newBuilder().maximumSize(RECENT_CHUNKS).build();

    private final Object commitLock = new Object();
    private long committedSeqNo = -1; // guarded by commitLock: every operation up to it is in a durable commit
    private final AtomicLong commits = new AtomicLong(); // the writer's commits, and how many its reader has seen
    private final AtomicLong commitsSeen = new AtomicLong();
    private volatile @Nullable SearcherManager searchers;

    /**
     * An index that does not check which embedding model built it.
     *
     * @param path the index directory (created by the writer if missing)
     * @param writer whether this instance owns the directory's single writer
     * @param refresh how often a reader checks for new commits; zero checks on every call
     * @param defaults the candidate counts and RRF constant of {@link #search(SearchQuery)}
     */
    public LuceneVectorIndex(Path path, boolean writer, Duration refresh, Retrieval defaults) {
        this(path, writer, refresh, defaults, null);
    }

    /**
     * @param embeddingModel the model whose vectors this instance writes and queries with: the writer records it
     *     in each commit, and both writer and readers refuse an index built with another model (vectors of two
     *     models are not comparable even at the same dimension); null skips the check
     */
    public LuceneVectorIndex(
            Path path, boolean writer, Duration refresh, Retrieval defaults, @Nullable String embeddingModel) {
        this.path = path;
        this.defaults = defaults;
        this.refreshNanos = refresh.toNanos();
        this.embeddingModel = embeddingModel;
        try {
            if (writer) {
                Files.createDirectories(path);
            }
            this.directory = FSDirectory.open(path);
            if (writer) {
                IndexWriterConfig config = new IndexWriterConfig(analyzer);
                config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
                // A commit must not wait for merges of the small segments it just flushed (merging their HNSW
                // graphs takes longer than the commit); they are merged in the background as usual.
                config.setMaxFullFlushMergeWaitMillis(0);
                IndexWriter w = new IndexWriter(directory, config);
                try {
                    claimForModel(w);
                    w.commit(); // readers in other processes can open an (empty) index right away
                } catch (IOException | RuntimeException e) {
                    w.close();
                    directory.close();
                    throw e;
                }
                this.writer = w;
                this.searchers = new SearcherManager(w, null);
            } else {
                this.writer = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Lucene index at " + path.toAbsolutePath(), e);
        }
    }

    private void claimForModel(IndexWriter w) {
        if (embeddingModel == null) {
            return;
        }
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = w.getLiveCommitData();
        if (live != null) {
            live.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        }
        checkModel(data.get(EMBEDDING_MODEL), w.getDocStats().numDocs > 0);
        data.put(EMBEDDING_MODEL, embeddingModel);
        w.setLiveCommitData(data.entrySet());
    }

    private void checkModel(@Nullable String recorded, boolean hasChunks) {
        if (embeddingModel != null && recorded != null && hasChunks && !recorded.equals(embeddingModel)) {
            throw new IllegalStateException("the Lucene index at " + path.toAbsolutePath() + " was built with embedding"
                    + " model " + recorded + " but studilo.knowledge.embedding-model is " + embeddingModel
                    + ": delete the directory and re-ingest the documents, or switch the property back");
        }
    }

    @Override
    public void upsert(List<Chunk> chunks, List<float[]> vectors) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk: " + chunks.size() + " != " + vectors.size());
        }
        if (chunks.isEmpty()) {
            return;
        }
        IndexWriter w = requireWriter();
        List<Document> docs = new ArrayList<>(chunks.size());
        List<BytesRef> ids = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            docs.add(toDocument(chunk, Embeddings.normalized(vectors.get(i))));
            ids.add(new BytesRef(chunk.id()));
        }
        try {
            // One atomic operation: a commit made meanwhile for another caller holds all of these chunks or none.
            commitThrough(w, w.updateDocuments(new TermInSetQuery(ID, ids), docs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chunks to the Lucene index", e);
        }
    }

    @Override
    public void deleteDocument(UUID ownerId, UUID documentId) {
        IndexWriter w = requireWriter();
        try {
            commitThrough(
                    w,
                    w.deleteDocuments(new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(OWNER, ownerId.toString())), Occur.FILTER)
                            .add(new TermQuery(new Term(DOCUMENT, documentId.toString())), Occur.FILTER)
                            .build()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete chunks from the Lucene index", e);
        }
    }

    @Override
    public List<ScoredChunk> search(SearchQuery query) {
        return search(query, defaults);
    }

    @Override
    public List<ScoredChunk> search(SearchQuery query, Retrieval retrieval) {
        return withSearcher(List.of(), searcher -> {
            Query filter = ownerFilter(query.ownerId(), query.documentIds());
            Map<Integer, Fused> fused = new HashMap<>();
            float[] vector = Embeddings.normalized(query.vector());
            if (retrieval.denseCandidates() > 0 && vector.length > 0) {
                TopDocs dense = searcher.search(
                        new KnnFloatVectorQuery(VECTOR, vector, retrieval.denseCandidates(), filter),
                        retrieval.denseCandidates());
                int rank = 0;
                for (ScoreDoc hit : dense.scoreDocs) {
                    Fused f = fused.computeIfAbsent(hit.doc, Fused::new);
                    f.score += retrieval.denseWeight() / (retrieval.rrfK() + ++rank);
                    f.dense = 2.0 * hit.score - 1.0; // Lucene scores dot product as (1 + cos) / 2
                    f.hasDense = true;
                }
            }
            Query lexical = lexicalQuery(query.text());
            if (retrieval.lexicalCandidates() > 0 && lexical != null) {
                TopDocs bm25 = searcher.search(
                        new BooleanQuery.Builder()
                                .add(lexical, Occur.MUST)
                                .add(filter, Occur.FILTER)
                                .build(),
                        retrieval.lexicalCandidates());
                int rank = 0;
                for (ScoreDoc hit : bm25.scoreDocs) {
                    Fused f = fused.computeIfAbsent(hit.doc, Fused::new);
                    f.score += retrieval.lexicalWeight() / (retrieval.rrfK() + ++rank);
                    f.lexical = hit.score;
                }
            }
            List<Fused> ranked = new ArrayList<>(fused.values());
            ranked.sort(Fused.ORDER);
            List<Fused> top = ranked.subList(0, Math.min(query.limit(), ranked.size()));
            Map<Integer, float[]> vectors = storedVectors(searcher, top);
            StoredFields stored = searcher.storedFields();
            List<ScoredChunk> results = new ArrayList<>(top.size());
            for (Fused f : top) {
                float[] chunkVector = vectors.get(f.doc);
                if (!f.hasDense && vector.length == chunkVector.length) {
                    // found by BM25 only: still report its similarity
                    f.dense = VectorUtil.dotProduct(chunkVector, vector);
                }
                results.add(new ScoredChunk(chunk(searcher, stored, f.doc), f.score, f.dense, f.lexical, chunkVector));
            }
            return results;
        });
    }

    @Override
    public List<Chunk> chunks(UUID ownerId, UUID documentId, @Nullable UUID sectionId) {
        return withSearcher(List.of(), searcher -> {
            BooleanQuery.Builder query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(OWNER, ownerId.toString())), Occur.FILTER)
                    .add(new TermQuery(new Term(DOCUMENT, documentId.toString())), Occur.FILTER);
            if (sectionId != null) {
                query.add(new TermQuery(new Term(SECTION, sectionId.toString())), Occur.FILTER);
            }
            Query q = query.build();
            int total = searcher.count(q);
            if (total == 0) {
                return List.of();
            }
            TopDocs docs = searcher.search(q, total, new Sort(new SortField(CHUNK_INDEX, SortField.Type.LONG)));
            StoredFields stored = searcher.storedFields();
            List<Chunk> chunks = new ArrayList<>(docs.scoreDocs.length);
            for (ScoreDoc hit : docs.scoreDocs) {
                chunks.add(toChunk(stored.document(hit.doc)));
            }
            return chunks;
        });
    }

    @Override
    public long count(UUID ownerId) {
        return withSearcher(0L, searcher -> (long) searcher.count(new TermQuery(new Term(OWNER, ownerId.toString()))));
    }

    /** Makes the latest commit visible to this instance now, instead of at the next refresh interval. */
    public void refresh() {
        SearcherManager manager = searchers();
        if (manager != null) {
            try {
                manager.maybeRefreshBlocking();
                lastRefresh.set(System.nanoTime());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot refresh the Lucene reader", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            SearcherManager manager = searchers;
            if (manager != null) {
                manager.close();
            }
            if (writer != null) {
                writer.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the Lucene index", e);
        }
    }

    private IndexWriter requireWriter() {
        if (writer == null) {
            throw new IllegalStateException(
                    "this Lucene index is read-only: only the process with studilo.knowledge.writer=true writes");
        }
        return writer;
    }

    /**
     * Group commit: returns once the operation with sequence number {@code seqNo} is in a durable commit (so
     * visible to this instance's next search and to readers in other processes). Callers that wrote while another
     * commit was running wait for it and then share the next one, so N concurrent writers pay for about two
     * commits, not N. The writer's own reader is reopened by its next search, not here: the writing process
     * rarely searches, and reopening took up to 150 ms of a commit on a loaded machine.
     */
    private void commitThrough(IndexWriter w, long seqNo) throws IOException {
        synchronized (commitLock) {
            if (committedSeqNo >= seqNo) {
                return; // the commit that just finished already holds this operation
            }
            long committed = w.commit(); // every operation with a sequence number up to this one
            commits.incrementAndGet();
            committedSeqNo = Math.max(committedSeqNo, committed);
        }
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(T whenEmpty, SearcherWork<T> work) {
        SearcherManager manager = searchers();
        if (manager == null) {
            return whenEmpty;
        }
        try {
            maybeRefresh(manager);
            IndexSearcher searcher = manager.acquire();
            try {
                return work.apply(searcher);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Lucene index", e);
        }
    }

    private void maybeRefresh(SearcherManager manager) throws IOException {
        if (writer != null) {
            long committed = commits.get();
            if (commitsSeen.get() < committed) {
                manager.maybeRefreshBlocking(); // waits for a reopen already under way, then catches up
                commitsSeen.accumulateAndGet(committed, Math::max);
            }
            return;
        }
        long now = System.nanoTime();
        long last = lastRefresh.get();
        if (now - last >= refreshNanos && lastRefresh.compareAndSet(last, now)) {
            manager.maybeRefresh();
        }
    }

    /** The reader, opened lazily: the writer may not have created the index yet. */
    private @Nullable SearcherManager searchers() {
        SearcherManager manager = searchers;
        if (manager != null) {
            return manager;
        }
        synchronized (openLock) {
            if (searchers == null) {
                try {
                    if (Files.isDirectory(path) && DirectoryReader.indexExists(directory)) {
                        SearcherManager opened = new SearcherManager(directory, null);
                        IndexSearcher searcher = opened.acquire();
                        try {
                            DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
                            checkModel(
                                    reader.getIndexCommit().getUserData().get(EMBEDDING_MODEL), reader.numDocs() > 0);
                        } catch (RuntimeException e) {
                            opened.release(searcher);
                            opened.close();
                            throw e;
                        }
                        opened.release(searcher);
                        searchers = opened;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the Lucene index for reading", e);
                }
            }
            return searchers;
        }
    }

    private record SegmentDoc(Object segment, int doc) {}

    /** The chunk a hit points at, read from its stored fields unless it was read recently. */
    private Chunk chunk(IndexSearcher searcher, StoredFields stored, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        IndexReader.CacheHelper segment = leaf.reader().getCoreCacheHelper();
        if (segment == null) {
            return toChunk(stored.document(doc));
        }
        SegmentDoc address = new SegmentDoc(segment.getKey(), doc - leaf.docBase);
        Chunk chunk = recentChunks.getIfPresent(address);
        if (chunk == null) {
            chunk = toChunk(stored.document(doc));
            recentChunks.put(address, chunk);
        }
        return chunk;
    }

    /** The stored unit vectors of the hits, read leaf by leaf in document order (only these, not the index). */
    private static Map<Integer, float[]> storedVectors(IndexSearcher searcher, List<Fused> hits) throws IOException {
        int[] docs = hits.stream().mapToInt(f -> f.doc).sorted().toArray();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Map<Integer, float[]> vectors = new HashMap<>();
        LeafReaderContext leaf = null;
        FloatVectorValues values = null;
        for (int doc : docs) {
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                values = leaf.reader().getFloatVectorValues(VECTOR);
            }
            int target = doc - leaf.docBase;
            if (values == null || (values.docID() < target ? values.advance(target) : values.docID()) != target) {
                throw new IllegalStateException("chunk without a stored vector in the Lucene index");
            }
            vectors.put(doc, values.vectorValue().clone()); // the reader reuses its buffer
        }
        return vectors;
    }

    private static Query ownerFilter(UUID ownerId, Set<UUID> documentIds) {
        BooleanQuery.Builder filter =
                new BooleanQuery.Builder().add(new TermQuery(new Term(OWNER, ownerId.toString())), Occur.FILTER);
        if (!documentIds.isEmpty()) {
            List<BytesRef> ids = new ArrayList<>(documentIds.size());
            for (UUID id : documentIds) {
                ids.add(new BytesRef(id.toString()));
            }
            filter.add(new TermInSetQuery(DOCUMENT, ids), Occur.FILTER);
        }
        return filter.build();
    }

    /** A disjunction of the query's analysed terms (English stemming, stop words removed), or null if none. */
    private @Nullable Query lexicalQuery(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < IndexSearcher.getMaxClauseCount()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(TEXT, term)), Occur.SHOULD);
        }
        return query.build();
    }

    private static Document toDocument(Chunk chunk, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(ID, chunk.id(), Field.Store.YES));
        doc.add(new StringField(OWNER, chunk.ownerId().toString(), Field.Store.YES));
        doc.add(new StringField(DOCUMENT, chunk.documentId().toString(), Field.Store.YES));
        doc.add(new StringField(SECTION, chunk.sectionId().toString(), Field.Store.YES));
        doc.add(new StoredField(DOCUMENT_TITLE, chunk.documentTitle()));
        doc.add(new StoredField(SECTION_TITLE, chunk.sectionTitle()));
        doc.add(new StoredField(PAGE_START, chunk.pageStart()));
        doc.add(new StoredField(PAGE_END, chunk.pageEnd()));
        doc.add(new StoredField(CHUNK_INDEX, chunk.chunkIndex()));
        doc.add(new NumericDocValuesField(CHUNK_INDEX, chunk.chunkIndex()));
        doc.add(new TextField(TEXT, chunk.text(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    private static Chunk toChunk(Document doc) {
        return new Chunk(
                doc.get(ID),
                UUID.fromString(doc.get(OWNER)),
                UUID.fromString(doc.get(DOCUMENT)),
                doc.get(DOCUMENT_TITLE),
                UUID.fromString(doc.get(SECTION)),
                doc.get(SECTION_TITLE),
                doc.getField(PAGE_START).numericValue().intValue(),
                doc.getField(PAGE_END).numericValue().intValue(),
                doc.getField(CHUNK_INDEX).numericValue().intValue(),
                doc.get(TEXT));
    }

    private static final class Fused {
        static final Comparator<Fused> ORDER =
                Comparator.comparingDouble((Fused f) -> -f.score).thenComparingInt(f -> f.doc);

        final int doc;
        double score;
        double dense;
        double lexical;
        boolean hasDense;

        Fused(int doc) {
            this.doc = doc;
        }
    }
}
