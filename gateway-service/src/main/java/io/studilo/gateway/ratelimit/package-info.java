@NullMarked
package io.studilo.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
