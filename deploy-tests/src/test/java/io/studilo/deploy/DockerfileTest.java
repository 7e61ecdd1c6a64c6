package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one Dockerfile (no Docker engine here): the shape every image must have, read from the file. */
class DockerfileTest {

    private static final List<String> SERVICES = List.of(
            "gateway-service", "auth-service", "ingestion-service", "rag-service", "exam-service", "planner-service");
    private static String dockerfile;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = Files.readString(Repo.root().resolve("Dockerfile"));
    }

    @Test
    void selectsTheServiceWithABuildArgument() {
        assertThat(dockerfile).containsPattern("(?m)^ARG SERVICE=").containsPattern("(?m)^FROM \\$\\{SERVICE}$");
        for (String service : SERVICES) {
            assertThat(dockerfile).as(service).containsPattern("(?m)^FROM runtime AS " + service + "$");
            assertThat(Files.isDirectory(Repo.root().resolve(service)))
                    .as(service + " module")
                    .isTrue();
        }
    }

    @Test
    void extractsTheLayeredJarOntoAJre25() {
        assertThat(dockerfile)
                .contains("java -Djarmode=tools -jar \"$jar\" extract --layers --launcher")
                .containsPattern("(?m)^FROM eclipse-temurin:25-jre[-a-z]* AS runtime$")
                .contains("org.springframework.boot.loader.launch.JarLauncher");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(dockerfile).contains("COPY --from=build /layers/" + layer + "/ ./");
        }
    }

    @Test
    void runsAsANonRootUserWithOnlyTmpWritable() {
        assertThat(dockerfile).containsPattern("(?m)^USER 10001:10001$").contains("VOLUME [\"/tmp\"]");
        assertThat(dockerfile.indexOf("USER 10001")).isGreaterThan(dockerfile.lastIndexOf("COPY --from=build"));
    }

    @Test
    void checksReadinessOnTheManagementPort() {
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK ").contains("/actuator/health/readiness");
        assertThat(dockerfile).contains("${MANAGEMENT_PORT}");
    }

    @Test
    void givesOnlyTheIngestionImageTesseract() {
        String ingestion = dockerfile.substring(
                dockerfile.indexOf("FROM runtime AS ingestion-service"),
                dockerfile.indexOf("FROM runtime AS rag-service"));
        assertThat(ingestion).contains("tesseract-ocr tesseract-ocr-eng");
        assertThat(dockerfile.replace(ingestion, "")).doesNotContain("tesseract-ocr");
    }
}
