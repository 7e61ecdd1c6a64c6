package io.studilo.ingestion.document;

import java.util.UUID;

/** A document's row changed (progress, status, deletion); published after the change is committed. */
record DocumentChanged(UUID id) {}
