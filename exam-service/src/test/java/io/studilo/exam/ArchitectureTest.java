package io.studilo.exam;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.studilo.exam");

    @Test
    void controllersDoNotTouchPersistence() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..")
                .check(CLASSES);
    }

    @Test
    void generationAndGradingStayFreeOfWebAndPersistence() {
        noClasses()
                .that()
                .haveSimpleNameStartingWith("QuestionGenerator")
                .or()
                .haveSimpleName("Grader")
                .or()
                .resideInAPackage("io.studilo.exam.text")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void nothingReadsAnotherServicesInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.studilo.ingestion..",
                        "io.studilo.rag..",
                        "io.studilo.planner..",
                        "io.studilo.auth..",
                        "io.studilo.gateway..")
                .check(CLASSES);
    }
}
