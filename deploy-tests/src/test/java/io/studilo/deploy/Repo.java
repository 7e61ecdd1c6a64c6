package io.studilo.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, from the {@code studilo.root} system property the build sets (or the parent directory). */
final class Repo {

    private Repo() {}

    static Path root() {
        String configured = System.getProperty("studilo.root");
        Path root = configured != null
                ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("helm/studilo/Chart.yaml"))) {
            throw new IllegalStateException("not the STUDILO repository root: " + root);
        }
        return root.toAbsolutePath().normalize();
    }

    static Path chart() {
        return root().resolve("helm/studilo");
    }

    static Path rules() {
        return chart().resolve("rules/studilo-alerts.yaml");
    }

    static Path dashboards() {
        return chart().resolve("dashboards");
    }
}
