@NullMarked
package io.studilo.testing;

import org.jspecify.annotations.NullMarked;
