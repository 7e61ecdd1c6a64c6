package io.studilo.common.knowledge;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The knowledge layer's settings ({@code studilo.knowledge.*}), shared by every service that reads or writes
 * notes.
 *
 * @param index which vector index adapter backs the port: {@code lucene} (embedded default) or {@code qdrant}
 * @param indexDir the Lucene directory ({@code STUDILO_INDEX_DIR}); shared by the writer and the readers
 * @param writer whether this process owns the Lucene directory's writer; only the ingestion worker does
 * @param readerRefresh how often a Lucene reader looks for newly committed chunks ({@code 0} = on every search)
 * @param embeddingModel which in-process model embeds text: {@code all-minilm-l6-v2-q} or {@code bge-small-en-v15-q}
 * @param rrfK the reciprocal rank fusion constant
 * @param denseCandidates how many nearest neighbours the dense retriever contributes to fusion
 * @param lexicalCandidates how many BM25 / sparse matches the lexical retriever contributes to fusion
 * @param denseWeight the dense ranking's weight in the fusion (default 1)
 * @param lexicalWeight the lexical ranking's weight in the fusion (default 1)
 * @param qdrant where the Qdrant adapter connects
 */
@ConfigurationProperties("studilo.knowledge")
public record KnowledgeProperties(
        IndexKind index,
        Path indexDir,
        boolean writer,
        Duration readerRefresh,
        String embeddingModel,
        int rrfK,
        int denseCandidates,
        int lexicalCandidates,
        Double denseWeight,
        Double lexicalWeight,
        Qdrant qdrant) {

    public static final String MINILM = "all-minilm-l6-v2-q";
    public static final String BGE_SMALL = "bge-small-en-v15-q";

    public enum IndexKind {
        LUCENE,
        QDRANT
    }

    /**
     * @param host the Qdrant server's gRPC host
     * @param port its gRPC port (6334 by default; 6333 is REST)
     * @param apiKey the API key, or empty for none
     * @param useTls whether the gRPC channel uses TLS
     * @param collection the collection holding every owner's chunks (owner is a filtered payload field)
     * @param timeout deadline of each call to Qdrant
     */
    public record Qdrant(
            String host, int port, @Nullable String apiKey, boolean useTls, String collection, Duration timeout) {

        public Qdrant {
            host = host == null ? "127.0.0.1" : host;
            port = port == 0 ? 6334 : port;
            apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
            collection = collection == null ? "studilo_chunks" : collection;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        }
    }

    public KnowledgeProperties {
        index = index == null ? IndexKind.LUCENE : index;
        indexDir = indexDir == null ? Path.of(".studilo", "index") : indexDir;
        readerRefresh = readerRefresh == null ? Duration.ofMillis(500) : readerRefresh;
        embeddingModel = embeddingModel == null ? MINILM : embeddingModel;
        rrfK = rrfK == 0 ? Retrieval.DEFAULT.rrfK() : rrfK;
        denseCandidates = denseCandidates == 0 ? Retrieval.DEFAULT.denseCandidates() : denseCandidates;
        lexicalCandidates = lexicalCandidates == 0 ? Retrieval.DEFAULT.lexicalCandidates() : lexicalCandidates;
        denseWeight = denseWeight == null ? Retrieval.DEFAULT.denseWeight() : denseWeight;
        lexicalWeight = lexicalWeight == null ? Retrieval.DEFAULT.lexicalWeight() : lexicalWeight;
        qdrant = qdrant == null ? new Qdrant(null, 0, null, false, null, null) : qdrant;
    }

    public Retrieval retrieval() {
        return new Retrieval(rrfK, denseCandidates, lexicalCandidates, denseWeight, lexicalWeight);
    }
}
