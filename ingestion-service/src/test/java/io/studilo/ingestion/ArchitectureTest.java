package io.studilo.ingestion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.studilo.ingestion");

    @Test
    void controllersDoNotTouchPersistenceDirectly() {
        noClasses()
                .that()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(org.springframework.jdbc.core.simple.JdbcClient.class)
                .check(CLASSES);
    }

    @Test
    void extractionAndChunkingKnowNothingOfWebMessagingOrDatabase() {
        noClasses()
                .that()
                .resideInAnyPackage("..ingestion.extract..", "..ingestion.chunk..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..",
                        "org.springframework.jdbc..",
                        "org.springframework.amqp..",
                        "io.studilo.ingestion.worker..",
                        "io.studilo.ingestion.outbox..")
                .check(CLASSES);
    }

    @Test
    void theUploadSideDoesNotDependOnTheWorker() {
        noClasses()
                .that()
                .resideInAPackage("..ingestion.document..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..ingestion.worker..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnAnotherServicesInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.studilo.auth..",
                        "io.studilo.rag..",
                        "io.studilo.exam..",
                        "io.studilo.planner..",
                        "io.studilo.gateway..")
                .check(CLASSES);
    }

    @Test
    void onlyTheStorageClientTalksToMinio() {
        classes()
                .that()
                .resideOutsideOfPackage("..ingestion.storage..")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackage("io.minio..")
                .check(CLASSES);
    }
}
