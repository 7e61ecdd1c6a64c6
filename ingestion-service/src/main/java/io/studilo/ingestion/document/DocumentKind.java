package io.studilo.ingestion.document;

/** What a document is, judged by its content (magic bytes), never by its name or declared type. */
public enum DocumentKind {
    PDF("application/pdf"),
    PNG("image/png"),
    JPEG("image/jpeg"),
    TIFF("image/tiff"),
    TEXT("text/plain"),
    MARKDOWN("text/markdown");

    private final String mediaType;

    DocumentKind(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public boolean isImage() {
        return this == PNG || this == JPEG || this == TIFF;
    }

    public boolean isText() {
        return this == TEXT || this == MARKDOWN;
    }
}
