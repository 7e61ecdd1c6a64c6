@NullMarked
package io.studilo.common.security;

import org.jspecify.annotations.NullMarked;
