package io.studilo.common.knowledge;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.studilo.common.knowledge.lucene.LuceneVectorIndex;
import io.studilo.common.knowledge.qdrant.QdrantVectorIndex;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The knowledge layer for the services that read or write notes: the {@code embeddingModel} bean (in-process
 * LangChain4j model) and the {@code vectorIndex} bean (Lucene or Qdrant adapter). Each part switches on only
 * when its optional dependencies are on the classpath, so services without them are unaffected.
 */
@AutoConfiguration
@EnableConfigurationProperties(KnowledgeProperties.class)
public class KnowledgeAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel")
    static class EmbeddingConfiguration {

        @Bean
        @ConditionalOnMissingBean
        EmbeddingModel embeddingModel(KnowledgeProperties properties) {
            return EmbeddingModels.create(properties.embeddingModel());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.lucene.index.IndexWriter")
    @ConditionalOnProperty(prefix = "studilo.knowledge", name = "index", havingValue = "lucene", matchIfMissing = true)
    static class LuceneConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(VectorIndex.class)
        LuceneVectorIndex vectorIndex(KnowledgeProperties properties) {
            return new LuceneVectorIndex(
                    properties.indexDir(),
                    properties.writer(),
                    properties.readerRefresh(),
                    properties.retrieval(),
                    properties.embeddingModel());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.qdrant.client.QdrantClient", "org.apache.lucene.analysis.en.EnglishAnalyzer"})
    @ConditionalOnProperty(prefix = "studilo.knowledge", name = "index", havingValue = "qdrant")
    static class QdrantConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        QdrantClient qdrantClient(KnowledgeProperties properties) {
            KnowledgeProperties.Qdrant qdrant = properties.qdrant();
            QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(qdrant.host(), qdrant.port(), qdrant.useTls())
                    .withTimeout(qdrant.timeout());
            if (qdrant.apiKey() != null) {
                grpc.withApiKey(qdrant.apiKey());
            }
            return new QdrantClient(grpc.build());
        }

        @Bean
        @ConditionalOnMissingBean(VectorIndex.class)
        QdrantVectorIndex vectorIndex(QdrantClient client, KnowledgeProperties properties, EmbeddingModel model) {
            return new QdrantVectorIndex(
                    client,
                    properties.qdrant().collection(),
                    model.dimension(),
                    properties.retrieval(),
                    properties.qdrant().timeout());
        }
    }
}
