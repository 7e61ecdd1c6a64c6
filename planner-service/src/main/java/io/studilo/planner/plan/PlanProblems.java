package io.studilo.planner.plan;

import io.studilo.common.web.ProblemType;
import org.springframework.http.HttpStatus;

/** The planner's own problem types (part of the public contract: add, never rename). */
final class PlanProblems {

    /** The plan cannot be made as asked; the detail says why and what would work. */
    static final ProblemType INFEASIBLE =
            ProblemType.of("plan-infeasible", "Plan not feasible", HttpStatus.BAD_REQUEST);

    /** There is nothing to plan yet (no ready documents, or none of those asked for). */
    static final ProblemType NO_MATERIAL =
            ProblemType.of("no-material", "Nothing to plan yet", HttpStatus.UNPROCESSABLE_CONTENT);

    private PlanProblems() {}
}
