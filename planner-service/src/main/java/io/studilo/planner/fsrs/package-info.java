@NullMarked
package io.studilo.planner.fsrs;

import org.jspecify.annotations.NullMarked;
