@NullMarked
package io.studilo.auth.account;

import org.jspecify.annotations.NullMarked;
