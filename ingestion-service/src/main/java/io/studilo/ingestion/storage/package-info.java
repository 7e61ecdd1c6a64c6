@NullMarked
package io.studilo.ingestion.storage;

import org.jspecify.annotations.NullMarked;
