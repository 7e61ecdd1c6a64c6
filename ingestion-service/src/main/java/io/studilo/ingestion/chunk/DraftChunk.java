package io.studilo.ingestion.chunk;

/** A chunk of one section: its position in the document, its page range and its text. */
public record DraftChunk(int sectionOrdinal, int index, int pageStart, int pageEnd, String text) {}
