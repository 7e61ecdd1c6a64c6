@NullMarked
package io.studilo.common.contracts;

import org.jspecify.annotations.NullMarked;
