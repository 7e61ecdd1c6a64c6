@NullMarked
package io.studilo.ingestion.worker;

import org.jspecify.annotations.NullMarked;
