/**
 * Read replicas: read-only transactions go to a replica datasource when {@code studilo.datasource.replica.url} is
 * set, and back to the primary while the replica is unreachable.
 */
@NullMarked
package io.studilo.common.jdbc;

import org.jspecify.annotations.NullMarked;
