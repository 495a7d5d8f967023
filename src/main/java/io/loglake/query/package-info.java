/**
 * Running SQL and printing its results, for {@code loglake query} and {@code loglake demo}.
 *
 * <ul>
 *   <li>{@link io.loglake.query.QueryRunner}: SQL files and text through Spark SQL against the
 *       session's catalog, with bound parameters and bounded results.
 *   <li>{@link io.loglake.query.SqlScript}: a script split into statements, and its {@code :name}
 *       parameter markers.
 *   <li>{@link io.loglake.query.ResultFormat}: a result as an aligned table, CSV or JSON lines.
 * </ul>
 *
 * <p>The SQL loglake itself writes into the catalog (DDL, partitions) is built in {@link
 * io.loglake.catalog}, which quotes what it puts in.
 */
package io.loglake.query;
