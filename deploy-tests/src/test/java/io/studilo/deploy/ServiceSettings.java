package io.studilo.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment variables a service's application.yml reads (`${NAME:default}`). */
final class ServiceSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    /** Variables that connect a service to its infrastructure and its peers: what a deployment must set. */
    private static final Pattern INFRASTRUCTURE =
            Pattern.compile("(POSTGRES|RABBITMQ|REDIS|S3)_[A-Z_]+|STUDILO_[A-Z]+_URI");

    private ServiceSettings() {}

    static Set<String> variables(String module) throws IOException {
        Path yml = Repo.root().resolve(module).resolve("src/main/resources/application.yml");
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(Files.readString(yml));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Set<String> infrastructureVariables(String module) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String name : variables(module)) {
            if (INFRASTRUCTURE.matcher(name).matches()) {
                names.add(name);
            }
        }
        return names;
    }
}
