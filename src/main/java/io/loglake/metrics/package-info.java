/**
 * Where a run's counts and duration go besides its report: {@link io.loglake.metrics.RunMetrics},
 * and its CloudWatch implementation.
 */
package io.loglake.metrics;
