@NullMarked
package io.studilo.auth;

import org.jspecify.annotations.NullMarked;
