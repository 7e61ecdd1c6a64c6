package io.studilo.planner.plan;

import io.studilo.planner.PlannerProperties;
import io.studilo.planner.fsrs.Fsrs;
import io.studilo.planner.material.StudySection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Times the scheduler alone, with the service's default settings (used by PlanGenerationBench). */
public final class SchedulerBenchmark {

    /** Timings in nanoseconds. */
    public record Result(long[] nanos, int sessions) {
        public String summary() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return "n=%d mean=%.3f ms p50=%.3f ms p95=%.3f ms max=%.3f ms"
                    .formatted(
                            sorted.length,
                            Arrays.stream(sorted).average().orElse(0) / 1e6,
                            sorted[sorted.length / 2] / 1e6,
                            sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6,
                            sorted[sorted.length - 1] / 1e6);
        }
    }

    private SchedulerBenchmark() {}

    public static Result run(int sectionCount, int days, int dailyMinutes, int warmup, int iterations) {
        PlannerProperties.Schedule schedule = new PlannerProperties.Schedule(0.15, 7, 0.6, 10, 0.25, 5, 20, 30, 15, 7);
        PlannerProperties.Estimate estimate = new PlannerProperties.Estimate(120, 1.5, 0.5, 5);
        Estimator estimator = new Estimator(estimate, schedule);
        PlanScheduler scheduler = new PlanScheduler(Fsrs.withDefaults(), schedule);
        Random random = new Random(42);
        List<PlanScheduler.Item> items = new ArrayList<>();
        UUID document = UUID.randomUUID();
        for (int i = 0; i < sectionCount; i++) {
            StudySection s = new StudySection(
                    UUID.randomUUID(),
                    document,
                    "Bench notes",
                    "Section " + (i + 1),
                    1,
                    i + 1,
                    i + 1 + random.nextInt(3),
                    i,
                    300 + random.nextInt(2500),
                    random.nextInt(8));
            int learn = estimator.learnMinutes(s);
            items.add(new PlanScheduler.Item(
                    s.sectionId(), s.title(), learn, estimator.reviewMinutes(learn), null, null));
        }
        LocalDate start = LocalDate.of(2027, 1, 1);
        PlanScheduler.Request request = new PlanScheduler.Request(
                UUID.randomUUID(), start, start.plusDays(days), dailyMinutes, items, Map.of(), Set.of(), false);
        int sessions = 0;
        for (int i = 0; i < warmup; i++) {
            sessions = scheduler.plan(request).size();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            sessions = scheduler.plan(request).size();
            nanos[i] = System.nanoTime() - t0;
        }
        return new Result(nanos, sessions);
    }
}
