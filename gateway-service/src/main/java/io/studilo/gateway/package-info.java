@NullMarked
package io.studilo.gateway;

import org.jspecify.annotations.NullMarked;
