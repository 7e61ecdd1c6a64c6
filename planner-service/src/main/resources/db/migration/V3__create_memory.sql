-- FSRS memory state per student and section, updated by exams and completed sessions.
CREATE TABLE memory (
    owner_id    uuid             NOT NULL,
    section_id  uuid             NOT NULL,
    stability   double precision NOT NULL,
    difficulty  double precision NOT NULL,
    last_review date             NOT NULL,
    reviews     integer          NOT NULL,
    lapses      integer          NOT NULL,
    mastery     double precision,
    updated_at  timestamptz      NOT NULL,
    PRIMARY KEY (owner_id, section_id)
);
