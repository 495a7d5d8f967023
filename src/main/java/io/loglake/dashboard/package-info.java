/**
 * The error dashboard ({@code loglake dashboard}) and its one-file HTML report ({@code loglake
 * report}): the curated table read by location (Parquet folders or an Iceberg table's newest
 * metadata file, no catalog), the run reports read from their folders, each view one bounded
 * aggregate Spark query, rendered as server-side HTML with inline SVG charts (nothing loaded from
 * elsewhere). Every text from the data goes through {@link io.loglake.dashboard.Html#escape}; every
 * filter is a validated value bound as a Spark literal, never SQL text.
 */
package io.loglake.dashboard;
