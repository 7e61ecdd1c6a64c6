@NullMarked
package io.studilo.common.logging;

import org.jspecify.annotations.NullMarked;
