package io.studilo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Dockerfile does to a jar, done here without a Docker engine: the layered extraction with the
 * Dockerfile's own command, the launcher it uses as ENTRYPOINT, and its HEALTHCHECK command run as written
 * against the started service (healthy while it runs, unhealthy once it is gone).
 */
class ContainerImageIT {

    private static final Pattern HEALTHCHECK = Pattern.compile("(?ms)^HEALTHCHECK .*?CMD (\\[.*?\\])\\s*$");

    @Test
    void theLayeredJarStartsWithTheLauncherAndPassesTheImagesHealthCheck(@TempDir Path work) throws Exception {
        String dockerfile = Files.readString(Repo.root().resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("extract --layers --launcher")
                .contains("ENTRYPOINT [\"java\", \"" + ServiceJar.LAUNCHER + "\"]");
        List<String> healthCheck = healthCheckCommand(dockerfile);
        assertThat(healthCheck).first().isEqualTo("bash");

        List<String> composeCheck = composeHealthCheck("auth-service");

        int port;
        try (ServiceJar service = ServiceJar.startLayered("auth-service", work, IsolatedServers.environment())) {
            port = service.managementPort;
            assertThat(run(healthCheck, port))
                    .as("health check while the service runs")
                    .isZero();
            assertThat(run(onPort(composeCheck, port), port))
                    .as("compose's health check")
                    .isZero();
        }
        assertThat(run(healthCheck, port))
                .as("health check once the service is gone")
                .isNotZero();
        assertThat(run(onPort(composeCheck, port), port))
                .as("compose's, once it is gone")
                .isNotZero();
    }

    /** docker-compose.yml's check for the service (CMD form), which names its management port literally. */
    private static List<String> composeHealthCheck(String service) throws IOException {
        JsonNode compose = new tools.jackson.dataformat.yaml.YAMLMapper()
                .readTree(Repo.root().resolve("docker-compose.yml").toFile());
        JsonNode test = compose.at("/services/" + service + "/healthcheck/test");
        assertThat(test.get(0).asString()).isEqualTo("CMD");
        List<String> command = new ArrayList<>();
        for (int i = 1; i < test.size(); i++) {
            command.add(test.get(i).asString());
        }
        String port = compose.at("/services/" + service + "/environment/MANAGEMENT_PORT")
                .asString();
        assertThat(String.join(" ", command)).contains("/dev/tcp/127.0.0.1/" + port);
        return command.stream()
                .map(c -> c.replace("/dev/tcp/127.0.0.1/" + port, "/dev/tcp/127.0.0.1/PORT"))
                .toList();
    }

    private static List<String> onPort(List<String> command, int port) {
        return command.stream().map(c -> c.replace("/PORT", "/" + port)).toList();
    }

    private static List<String> healthCheckCommand(String dockerfile) {
        Matcher m = HEALTHCHECK.matcher(dockerfile.replace("\\\n", " "));
        assertThat(m.find()).as("a HEALTHCHECK in exec form").isTrue();
        JsonNode array = new JsonMapper().readTree(m.group(1));
        List<String> command = new ArrayList<>();
        array.forEach(node -> command.add(node.asString()));
        return command;
    }

    private static int run(List<String> command, int managementPort) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
