@NullMarked
package io.studilo.ingestion;

import org.jspecify.annotations.NullMarked;
