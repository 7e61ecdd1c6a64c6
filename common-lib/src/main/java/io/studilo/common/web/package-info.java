@NullMarked
package io.studilo.common.web;

import org.jspecify.annotations.NullMarked;
