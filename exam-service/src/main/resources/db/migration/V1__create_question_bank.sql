-- One bank per (owner, document): the unique constraint makes a redelivered DocumentReady a no-op.
CREATE TABLE bank (
    id             UUID PRIMARY KEY,
    owner_id       UUID        NOT NULL,
    document_id    UUID        NOT NULL,
    document_title TEXT        NOT NULL,
    event_id       UUID,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT bank_owner_document_uk UNIQUE (owner_id, document_id)
);

CREATE TABLE question (
    id            UUID PRIMARY KEY,
    bank_id       UUID             NOT NULL REFERENCES bank (id) ON DELETE CASCADE,
    owner_id      UUID             NOT NULL,
    document_id   UUID             NOT NULL,
    section_id    UUID             NOT NULL,
    section_title TEXT             NOT NULL,
    ordinal       INT              NOT NULL,
    type          TEXT             NOT NULL,
    level         INT              NOT NULL,
    prompt        TEXT             NOT NULL,
    options       JSONB            NOT NULL,
    answer        TEXT             NOT NULL,
    answer_key    TEXT             NOT NULL,
    key_terms     JSONB            NOT NULL,
    passage       TEXT             NOT NULL,
    page          INT              NOT NULL,
    difficulty    DOUBLE PRECISION NOT NULL,
    attempts      INT              NOT NULL DEFAULT 0
);

CREATE INDEX question_owner_section_level_ix ON question (owner_id, section_id, level);
CREATE INDEX question_owner_document_ix ON question (owner_id, document_id, ordinal);
