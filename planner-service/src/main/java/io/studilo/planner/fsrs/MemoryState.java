package io.studilo.planner.fsrs;

/**
 * What FSRS knows about one item: stability S (days until retrievability falls to 90 %) and difficulty D
 * (1..10).
 */
public record MemoryState(double stability, double difficulty) {}
