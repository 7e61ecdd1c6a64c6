@NullMarked
package io.studilo.ingestion.extract;

import org.jspecify.annotations.NullMarked;
