-- Events already handled: the primary key makes every consumer idempotent.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- The planner's copy of each student's ready documents and their outline (from DocumentReady).
CREATE TABLE document (
    document_id uuid PRIMARY KEY,
    owner_id    uuid        NOT NULL,
    title       text        NOT NULL,
    ready_at    timestamptz NOT NULL
);
CREATE INDEX document_owner_idx ON document (owner_id, ready_at);

CREATE TABLE section (
    section_id     uuid PRIMARY KEY,
    document_id    uuid    NOT NULL REFERENCES document (document_id) ON DELETE CASCADE,
    owner_id       uuid    NOT NULL,
    title          text    NOT NULL,
    level          integer NOT NULL,
    page_start     integer NOT NULL,
    page_end       integer NOT NULL,
    ordinal        integer NOT NULL,
    word_count     integer NOT NULL,
    equation_count integer NOT NULL,
    chunk_count    integer NOT NULL
);
CREATE INDEX section_owner_document_idx ON section (owner_id, document_id, ordinal);
