@NullMarked
package io.studilo.ingestion.document;

import org.jspecify.annotations.NullMarked;
