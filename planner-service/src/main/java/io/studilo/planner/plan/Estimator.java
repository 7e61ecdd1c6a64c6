package io.studilo.planner.plan;

import io.studilo.planner.PlannerProperties;
import io.studilo.planner.material.StudySection;

/** Learning and review time of a section from its size and density. */
final class Estimator {

    private final PlannerProperties.Estimate estimate;
    private final PlannerProperties.Schedule schedule;

    Estimator(PlannerProperties properties) {
        this(properties.estimate(), properties.schedule());
    }

    Estimator(PlannerProperties.Estimate estimate, PlannerProperties.Schedule schedule) {
        this.estimate = estimate;
        this.schedule = schedule;
    }

    /** Whole minutes to learn the section the first time. */
    int learnMinutes(StudySection section) {
        double minutes = section.wordCount() / estimate.wordsPerMinute()
                + section.equationCount() * estimate.minutesPerEquation()
                + section.pages() * estimate.minutesPerPage();
        return Math.max(estimate.minimumMinutes(), (int) Math.ceil(minutes - 1e-9));
    }

    /** Whole minutes of one review of the section. */
    int reviewMinutes(int learnMinutes) {
        int minutes = (int) Math.round(learnMinutes * schedule.reviewFraction());
        return Math.max(schedule.minReviewMinutes(), Math.min(schedule.maxReviewMinutes(), minutes));
    }
}
