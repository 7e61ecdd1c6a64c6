@NullMarked
package io.studilo.exam;

import org.jspecify.annotations.NullMarked;
