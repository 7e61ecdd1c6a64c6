@NullMarked
package io.studilo.planner.messaging;

import org.jspecify.annotations.NullMarked;
