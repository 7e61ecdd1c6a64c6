package io.studilo.ingestion.document;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * The uploaded file name is only ever shown, never used as a path: this keeps the last path segment, drops
 * control and path characters and bounds the length. Storage keys never contain it.
 */
final class FileNames {

    static final int MAX_LENGTH = 200;
    private static final String FALLBACK = "document";

    private FileNames() {}

    static String displayName(@Nullable String original) {
        if (original == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(original, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp)
                    || cp == ' '
                    || cp == '.'
                    || cp == '-'
                    || cp == '_'
                    || cp == '('
                    || cp == ')'
                    || cp == ','
                    || cp == '+') {
                clean.appendCodePoint(cp);
            } else if (!Character.isISOControl(cp)
                    && cp != ':'
                    && cp != '*'
                    && cp != '?'
                    && cp != '"'
                    && cp != '<'
                    && cp != '>'
                    && cp != '|') {
                clean.append('_');
            }
        });
        String result = clean.toString()
                .replaceAll("\\.{2,}", ".")
                .replaceAll("\\s+", " ")
                .strip();
        while (result.startsWith(".")) {
            result = result.substring(1).strip();
        }
        if (result.length() > MAX_LENGTH) {
            result = result.substring(0, MAX_LENGTH).strip();
        }
        return result.isEmpty() ? FALLBACK : result;
    }

    /** The name without its extension, as a default title. */
    static String titleOf(String displayName) {
        int dot = displayName.lastIndexOf('.');
        String title = dot > 0 ? displayName.substring(0, dot) : displayName;
        return title.isBlank() ? displayName : title.replace('_', ' ').strip();
    }
}
