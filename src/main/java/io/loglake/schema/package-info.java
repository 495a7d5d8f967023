/**
 * What loglake's data looks like, defined once for every package: the raw and curated schemas and
 * column names ({@link io.loglake.schema.LogSchema}), the quarantine reasons ({@link
 * io.loglake.schema.QuarantineReason}), the raw zone's Firehose layout that the producer writes and
 * the crawler reads ({@link io.loglake.schema.RawZoneLayout}), and a curated partition {@code
 * dt=…/hr=…} ({@link io.loglake.schema.CuratedPartition}).
 */
package io.loglake.schema;
