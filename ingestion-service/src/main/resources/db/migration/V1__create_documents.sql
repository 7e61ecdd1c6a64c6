-- A student's uploaded document and the state of its ingestion job (the job state lives here, not in the broker).
CREATE TABLE documents (
    id              uuid PRIMARY KEY,
    owner_id        uuid        NOT NULL,
    title           text        NOT NULL,
    file_name       text        NOT NULL,
    media_type      text        NOT NULL,
    kind            text        NOT NULL,
    size_bytes      bigint      NOT NULL,
    sha256          text        NOT NULL,
    storage_key     text        NOT NULL,
    status          text        NOT NULL,
    phase           text,
    page_count      integer,
    pages_processed integer     NOT NULL DEFAULT 0,
    ocr_pages       integer     NOT NULL DEFAULT 0,
    chunk_count     integer     NOT NULL DEFAULT 0,
    error           text,
    attempts        integer     NOT NULL DEFAULT 0,
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    ready_at        timestamptz,
    CONSTRAINT documents_status_check CHECK (status IN ('QUEUED', 'PROCESSING', 'READY', 'FAILED'))
);

CREATE INDEX documents_owner_created_idx ON documents (owner_id, created_at DESC);
CREATE INDEX documents_status_idx ON documents (status);

-- The outline of a READY document. Ids are derived from the document id and ordinal, so a re-run overwrites.
CREATE TABLE sections (
    id             uuid PRIMARY KEY,
    document_id    uuid    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        integer NOT NULL,
    title          text    NOT NULL,
    level          integer NOT NULL,
    page_start     integer NOT NULL,
    page_end       integer NOT NULL,
    word_count     integer NOT NULL,
    equation_count integer NOT NULL,
    chunk_count    integer NOT NULL,
    UNIQUE (document_id, ordinal)
);

-- How each page was read: from the PDF's text layer or by OCR.
CREATE TABLE pages (
    document_id uuid    NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page_number integer NOT NULL,
    method      text    NOT NULL,
    char_count  integer NOT NULL,
    PRIMARY KEY (document_id, page_number),
    CONSTRAINT pages_method_check CHECK (method IN ('TEXT', 'OCR'))
);
