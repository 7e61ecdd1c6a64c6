package io.studilo.exam.grading;

/** The outcome of one answer: correct or not, a score in 0..1, and feedback written for the student. */
public record Grade(boolean correct, double score, String feedback) {}
