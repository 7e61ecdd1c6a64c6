@NullMarked
package io.studilo.gateway.routing;

import org.jspecify.annotations.NullMarked;
