@NullMarked
package io.studilo.auth.token;

import org.jspecify.annotations.NullMarked;
