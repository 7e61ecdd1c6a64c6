package io.studilo.planner.plan;

/** What a study session is for. */
public enum SessionKind {
    LEARN,
    REVIEW,
    PRACTICE_EXAM
}
