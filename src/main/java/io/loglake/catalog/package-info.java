/**
 * The catalog side of loglake: tables and partitions, and the SQL users run against them.
 *
 * <ul>
 *   <li>{@link io.loglake.catalog.CuratedTableRegistrar}: after each ETL run, the curated table and
 *       exactly the partitions written, in the Spark session's catalog.
 *   <li>{@link io.loglake.catalog.RawLogsCrawler}: the Glue crawler's job for the raw zone, into a
 *       {@link io.loglake.catalog.RawTableCatalog} — the session's catalog through Spark SQL, or
 *       the Glue Data Catalog API.
 *   <li>{@link io.loglake.catalog.QueryRunner}: SQL files and text through Spark SQL with bound
 *       parameters and bounded results ({@code loglake query}, {@code loglake demo}).
 * </ul>
 */
package io.loglake.catalog;
