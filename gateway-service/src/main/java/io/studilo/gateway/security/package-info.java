@NullMarked
package io.studilo.gateway.security;

import org.jspecify.annotations.NullMarked;
