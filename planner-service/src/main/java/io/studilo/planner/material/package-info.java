@NullMarked
package io.studilo.planner.material;

import org.jspecify.annotations.NullMarked;
