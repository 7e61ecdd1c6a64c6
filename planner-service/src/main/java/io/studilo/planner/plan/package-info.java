@NullMarked
package io.studilo.planner.plan;

import org.jspecify.annotations.NullMarked;
