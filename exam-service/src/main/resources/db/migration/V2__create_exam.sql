CREATE TABLE exam (
    id             UUID PRIMARY KEY,
    owner_id       UUID             NOT NULL,
    mode           TEXT             NOT NULL,
    status         TEXT             NOT NULL,
    level          INT              NOT NULL,
    question_count INT              NOT NULL,
    answered       INT              NOT NULL DEFAULT 0,
    correct        INT              NOT NULL DEFAULT 0,
    score_sum      DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- positive: consecutive correct answers; negative: consecutive mistakes
    streak         INT              NOT NULL DEFAULT 0,
    -- consecutive answers that moved the ability estimate less than the settle threshold
    settled        INT              NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ      NOT NULL DEFAULT now(),
    finished_at    TIMESTAMPTZ
);

CREATE INDEX exam_owner_ix ON exam (owner_id, created_at);

CREATE TABLE exam_section (
    exam_id    UUID NOT NULL REFERENCES exam (id) ON DELETE CASCADE,
    section_id UUID NOT NULL,
    PRIMARY KEY (exam_id, section_id)
);

CREATE TABLE exam_item (
    exam_id     UUID             NOT NULL REFERENCES exam (id) ON DELETE CASCADE,
    question_id UUID             NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    ordinal     INT              NOT NULL,
    answer      TEXT,
    score       DOUBLE PRECISION,
    correct     BOOLEAN,
    answered_at TIMESTAMPTZ,
    PRIMARY KEY (exam_id, question_id),
    CONSTRAINT exam_item_ordinal_uk UNIQUE (exam_id, ordinal)
);

-- A student's Elo ability per section (logit scale), from every graded answer.
CREATE TABLE ability (
    owner_id      UUID             NOT NULL,
    section_id    UUID             NOT NULL,
    document_id   UUID             NOT NULL,
    section_title TEXT             NOT NULL,
    rating        DOUBLE PRECISION NOT NULL,
    answered      INT              NOT NULL DEFAULT 0,
    correct       INT              NOT NULL DEFAULT 0,
    updated_at    TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, section_id)
);
