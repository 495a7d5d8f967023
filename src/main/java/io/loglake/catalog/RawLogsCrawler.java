package io.loglake.catalog;

import io.loglake.LoglakeException;
import io.loglake.schema.RawZoneLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crawler equivalent: registers raw_logs over a raw zone in the Firehose layout ({@link
 * RawZoneLayout}) and adds the hour folders ({@code YYYY/MM/DD/HH/}) that are not partitions yet,
 * in batches. Idempotent: a second crawl over the same folders adds nothing. Unlike the seed's Glue
 * crawler it never infers a schema (the table has {@link RawTableDefinition}'s) and names
 * partitions {@code year, month, day, hour}.
 *
 * <p>Only folder names are listed (on the driver); no data file is opened. Folders at hour depth
 * whose names are not a valid date and hour are skipped and reported; names starting with {@code _}
 * or {@code .} (temporary or marker folders) are ignored.
 */
public final class RawLogsCrawler {
  private static final Logger LOG = LoggerFactory.getLogger(RawLogsCrawler.class);

  private RawLogsCrawler() {}

  /**
   * Crawls {@code rawPath} into {@code table} of {@code catalog}, at most {@code batchSize}
   * partitions per call (capped by the catalog's own limit).
   */
  public static CrawlReport crawl(
      RawTableCatalog catalog,
      Configuration hadoop,
      String rawPath,
      TableName table,
      int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
    }
    Path root = new Path(rawPath);
    FileSystem fs;
    List<String> skipped = new ArrayList<>();
    List<RawPartition> found = new ArrayList<>();
    String rootLocation;
    try {
      fs = root.getFileSystem(hadoop);
      root = fs.makeQualified(root);
      if (!fs.getFileStatus(root).isDirectory()) {
        throw new LoglakeException(
            "Cannot crawl " + rawPath + ": it is not a folder",
            "give the raw zone's root folder (the one holding the YYYY folders)");
      }
      rootLocation = root.toString().replaceAll("/+$", "") + "/";
      FileStatus[] hours = fs.globStatus(new Path(root, RawZoneLayout.HOUR_FOLDER_GLOB));
      for (FileStatus status : hours == null ? new FileStatus[0] : hours) {
        if (!status.isDirectory()) {
          continue;
        }
        Path hour = status.getPath();
        String[] names = {
          hour.getParent().getParent().getParent().getName(),
              hour.getParent().getParent().getName(),
          hour.getParent().getName(), hour.getName()
        };
        if (hidden(names)) {
          continue;
        }
        String key = String.join("/", names);
        if (RawZoneLayout.hourOf(List.of(names)).isEmpty()) {
          skipped.add(key);
          continue;
        }
        found.add(
            new RawPartition(names[0], names[1], names[2], names[3], rootLocation + key + "/"));
      }
    } catch (java.io.FileNotFoundException e) {
      throw new LoglakeException(
          "Cannot crawl " + rawPath + ": no such folder",
          "write raw logs first (loglake produce --sink local --out "
              + rawPath
              + ") or check the path",
          e);
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot crawl " + rawPath + ": " + e.getMessage(),
          "check the path and that its file system can be listed",
          e);
    }
    found.sort(Comparator.comparing(RawPartition::key));
    skipped.sort(null);
    if (!skipped.isEmpty()) {
      LOG.warn("skipped {} folders that are not YYYY/MM/DD/HH: {}", skipped.size(), skipped);
    }

    catalog.ensureTable(table, rootLocation);
    Set<List<String>> existing = catalog.partitionValues(table);
    List<RawPartition> missing =
        found.stream().filter(p -> !existing.contains(p.values())).toList();
    int perCall = Math.min(batchSize, catalog.maxBatchSize());
    List<CrawlReport.Failure> failures = new ArrayList<>();
    int calls = 0;
    for (int from = 0; from < missing.size(); from += perCall) {
      List<RawPartition> batch = missing.subList(from, Math.min(missing.size(), from + perCall));
      failures.addAll(catalog.addPartitions(table, batch));
      calls++;
    }
    CrawlReport report =
        new CrawlReport(
            table.toString(),
            catalog.describe(),
            rootLocation,
            found.size(),
            found.size() - missing.size(),
            missing.size() - failures.size(),
            calls,
            List.copyOf(failures),
            List.copyOf(skipped));
    LOG.info(report.summary());
    return report;
  }

  private static boolean hidden(String[] names) {
    for (String name : names) {
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
