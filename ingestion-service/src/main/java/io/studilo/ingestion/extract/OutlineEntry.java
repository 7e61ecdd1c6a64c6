package io.studilo.ingestion.extract;

/** A bookmark of a PDF's outline: title, depth (1 = top) and the 1-based page it points to. */
public record OutlineEntry(String title, int level, int page) {}
