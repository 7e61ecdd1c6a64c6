@NullMarked
package io.studilo.gateway.web;

import org.jspecify.annotations.NullMarked;
