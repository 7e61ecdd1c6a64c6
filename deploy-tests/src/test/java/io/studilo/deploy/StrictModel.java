package io.studilo.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * fabric8's model keeps any field it does not know in {@code additionalProperties} instead of failing, so a
 * misspelt field ({@code readOnlyRootFileSystem}, {@code initialDelaySecond}) would parse "fine" and be ignored by
 * the API server. This walks a parsed object and reports every such field with its path. CRDs parsed as
 * {@link GenericKubernetesResource} keep their whole spec there by design: only their metadata is walked.
 */
final class StrictModel {

    private StrictModel() {}

    /** Paths of every unknown field in the object graph, e.g. {@code spec.template.spec.containers[0].imagePullPolicyy}. */
    static List<String> unknownFields(Object root) {
        List<String> found = new ArrayList<>();
        if (root instanceof GenericKubernetesResource generic) {
            walk(generic.getMetadata(), "metadata", found);
        } else {
            walk(root, "", found);
        }
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null || isLeaf(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", found));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        extra.keySet().forEach(k -> found.add(join(path, String.valueOf(k))));
                    }
                } else {
                    walk(fieldValue, join(path, field.getName()), found);
                }
            }
        }
    }

    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>
                || value.getClass().isPrimitive();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
