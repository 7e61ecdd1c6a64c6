@NullMarked
package io.studilo.rag;

import org.jspecify.annotations.NullMarked;
