package io.studilo.rag;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layering of rag-service: web on top, answers over retrieval, retrieval only through the knowledge port. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.studilo.rag");

    @Test
    void nothingButTheWebLayerDependsOnIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.studilo.rag.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.studilo.rag.web..")
                .check(CLASSES);
    }

    @Test
    void webReachesNeitherTheIndexNorRedisNorTheBroker() {
        noClasses()
                .that()
                .resideInAPackage("io.studilo.rag.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.studilo.common.knowledge..",
                        "org.springframework.data.redis..",
                        "org.springframework.amqp..",
                        "dev.langchain4j..")
                .check(CLASSES);
    }

    @Test
    void retrievalKnowsNothingOfAnswersCachesOrTheWeb() {
        noClasses()
                .that()
                .resideInAPackage("io.studilo.rag.retrieval..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.studilo.rag.answer..",
                        "io.studilo.rag.corpus..",
                        "org.springframework.data.redis..",
                        "org.springframework.web..")
                .check(CLASSES);
    }

    @Test
    void notesAreReadOnlyThroughThePortNeverAConcreteAdapter() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.studilo.common.knowledge.lucene..",
                        "io.studilo.common.knowledge.qdrant..",
                        "org.apache.lucene.index..",
                        "org.apache.lucene.search..")
                .check(CLASSES);
    }

    @Test
    void nothingReadsAnotherServicesInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.studilo.ingestion..",
                        "io.studilo.exam..",
                        "io.studilo.planner..",
                        "io.studilo.auth..",
                        "io.studilo.gateway..")
                .check(CLASSES);
    }
}
