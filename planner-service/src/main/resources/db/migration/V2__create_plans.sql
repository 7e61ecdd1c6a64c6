-- A study plan to one exam date. document_ids keeps the documents (in study order) chosen at creation.
CREATE TABLE plan (
    id            uuid PRIMARY KEY,
    owner_id      uuid        NOT NULL,
    exam_date     date        NOT NULL,
    daily_minutes integer     NOT NULL,
    start_date    date        NOT NULL,
    time_zone     text        NOT NULL,
    document_ids  uuid[]      NOT NULL,
    revision      integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX plan_owner_idx ON plan (owner_id, created_at);

-- Sessions of a plan. Ids are derived from (plan, kind, section, n) so they stay the same across re-plans.
CREATE TABLE session (
    id           uuid PRIMARY KEY,
    plan_id      uuid        NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position     integer     NOT NULL,
    day          date        NOT NULL,
    minutes      integer     NOT NULL CHECK (minutes > 0),
    kind         text        NOT NULL CHECK (kind IN ('LEARN', 'REVIEW', 'PRACTICE_EXAM')),
    section_id   uuid,
    title        text        NOT NULL,
    done         boolean     NOT NULL DEFAULT false,
    completed_at timestamptz
);
CREATE INDEX session_plan_idx ON session (plan_id, day, position);
