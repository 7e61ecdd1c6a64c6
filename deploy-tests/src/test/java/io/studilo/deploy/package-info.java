/** Offline tests of everything that deploys STUDILO: Helm chart, alert rules, dashboards, compose file, metrics. */
@NullMarked
package io.studilo.deploy;

import org.jspecify.annotations.NullMarked;
