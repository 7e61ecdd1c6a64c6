package io.studilo.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.studilo.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule webDoesNotTouchPersistence = noClasses()
            .that()
            .resideInAPackage("io.studilo.auth.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "org.springframework.data.redis..", "java.sql..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Store")
            .because("controllers go through the account and token services");

    @ArchTest
    static final ArchRule servicesDoNotDependOnWeb = noClasses()
            .that()
            .resideInAnyPackage("io.studilo.auth.account..", "io.studilo.auth.token..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.studilo.auth.web..", "jakarta.servlet..", "org.springframework.web..")
            .because("the web adapter depends on the services, never the other way round");

    @ArchTest
    static final ArchRule onlyTheAccountFeatureUsesTheDatabase = noClasses()
            .that()
            .resideOutsideOfPackage("io.studilo.auth.account..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    @ArchTest
    static final ArchRule noOtherServicesInternals = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.studilo.gateway..",
                    "io.studilo.ingestion..",
                    "io.studilo.rag..",
                    "io.studilo.exam..",
                    "io.studilo.planner..");
}
