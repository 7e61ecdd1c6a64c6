@NullMarked
package io.studilo.auth.web;

import org.jspecify.annotations.NullMarked;
