@NullMarked
package io.studilo.planner;

import org.jspecify.annotations.NullMarked;
