package io.studilo.planner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.studilo.planner");

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
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void fsrsIsPureMathematics() {
        noClasses()
                .that()
                .resideInAPackage("..planner.fsrs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "io.studilo.planner.plan..", "io.studilo.planner.material..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.studilo.planner.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void plannerDependsOnNoOtherServicesInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.studilo.auth..",
                        "io.studilo.exam..",
                        "io.studilo.ingestion..",
                        "io.studilo.rag..",
                        "io.studilo.gateway..")
                .check(CLASSES);
    }
}
