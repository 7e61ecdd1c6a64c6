package io.studilo.ingestion.chunk;

/** A line of text and the page it is on. */
public record SectionLine(String text, int page) {}
