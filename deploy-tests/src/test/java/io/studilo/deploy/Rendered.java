package io.studilo.deploy;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The chart rendered by Helm (the real Go library, offline) and parsed into fabric8's Kubernetes model. */
record Rendered(String yaml, List<HasMetadata> objects) {

    static final String RELEASE = "prod";
    static final String NAMESPACE = "studilo";
    /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion). */
    static final String KUBE_VERSION = "1.30.0";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    static Rendered of(Path valuesFile) {
        return render(template -> template.withValuesFile(valuesFile));
    }

    static Rendered with(Path valuesFile, Map<String, Object> overrides) {
        return render(template -> {
            template.withValuesFile(valuesFile);
            overrides.forEach(template::set);
        });
    }

    private static Rendered render(Consumer<com.marcnuri.helm.TemplateCommand> options) {
        var template = new Helm(Repo.chart())
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        options.accept(template);
        return parse(template.call());
    }

    static Rendered parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines()
                    .allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
        }
        return new Rendered(yaml, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
    }
}
