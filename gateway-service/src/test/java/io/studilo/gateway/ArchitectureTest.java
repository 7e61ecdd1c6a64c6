package io.studilo.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.studilo.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The gateway is reactive end to end: a blocking servlet type (or the servlet common-lib) has no place. */
    @ArchTest
    static final ArchRule staysReactive = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.servlet..", "org.springframework.web.servlet..", "io.studilo.common..");

    /** Problems and request ids are the bottom layer every feature uses; they depend on no feature. */
    @ArchTest
    static final ArchRule webDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("io.studilo.gateway.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.studilo.gateway.routing..", "io.studilo.gateway.security..", "io.studilo.gateway.ratelimit..");

    /** Features do not reach into each other; they meet only through Spring's filter chains. */
    @ArchTest
    static final ArchRule featuresAreIndependent = noClasses()
            .that()
            .resideInAnyPackage("io.studilo.gateway.routing..", "io.studilo.gateway.ratelimit..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.studilo.gateway.security..");
}
