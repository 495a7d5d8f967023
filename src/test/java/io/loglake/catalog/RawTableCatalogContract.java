package io.loglake.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of {@link RawTableCatalog}'s javadoc, run against each implementation by a subclass.
 * What the catalog holds is read back through the subclass's own access to the backing catalog (the
 * metastore, the fake Glue server), never through the implementation under test.
 */
abstract class RawTableCatalogContract {
  /** A table no test has created: each test starts without its database. */
  static final TableName TABLE = TableName.parse("contract_db.raw_logs");

  @TempDir Path dir;

  /**
   * The implementation under test, over a catalog that holds neither {@link #TABLE} nor its
   * database.
   */
  abstract RawTableCatalog catalog();

  /** What the implementation's {@link RawTableCatalog#describe()} says. */
  abstract String expectedDescription();

  /** Whether the backing catalog has the database. */
  abstract boolean databaseExists(String database);

  /** The table's location and partition keys as the backing catalog stores them, or null. */
  abstract StoredTable storedTable(TableName table);

  /** The table's partitions as the backing catalog stores them: values in key order → location. */
  abstract Map<List<String>, String> storedPartitions(TableName table);

  /** Makes the backing catalog hold {@code table} partitioned as a Glue crawler does. */
  abstract void createCrawlerShapedTable(TableName table, String location);

  /** Drops {@code table} from the backing catalog, as someone else would. */
  abstract void dropBehindItsBack(TableName table);

  /** A partition of {@link #TABLE} under {@code root} that the backing catalog will refuse. */
  abstract RawPartition refusedPartition(String root);

  record StoredTable(String location, List<String> partitionKeys) {}

  /** The raw zone's root as the crawler passes it: a qualified URI ending in '/'. */
  String root(String name) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    return "file:" + folder.toAbsolutePath() + "/";
  }

  /** The hour folder {@code hoursAfter} hours after 2025-11-09T00 under {@code root}. */
  static RawPartition hour(String root, int hoursAfter) {
    LocalDateTime t = LocalDateTime.of(2025, 11, 9, 0, 0).plusHours(hoursAfter);
    String year = String.format("%04d", t.getYear());
    String month = String.format("%02d", t.getMonthValue());
    String day = String.format("%02d", t.getDayOfMonth());
    String hour = String.format("%02d", t.getHour());
    return new RawPartition(
        year, month, day, hour, root + year + "/" + month + "/" + day + "/" + hour + "/");
  }

  private static Set<List<String>> valuesOf(List<RawPartition> partitions) {
    Set<List<String>> values = new HashSet<>();
    partitions.forEach(p -> values.add(p.values()));
    return values;
  }

  @Test
  void describeNamesTheCatalogForTheReport() {
    assertThat(catalog().describe()).isEqualTo(expectedDescription());
  }

  @Test
  void ensureTableCreatesTheDatabaseAndTheTableAtTheLocation() throws Exception {
    String root = root("raw");
    assertThat(databaseExists(TABLE.database())).isFalse();

    catalog().ensureTable(TABLE, root);

    assertThat(databaseExists(TABLE.database())).isTrue();
    StoredTable stored = storedTable(TABLE);
    assertThat(stored).isNotNull();
    assertThat(CatalogLocation.same(stored.location(), root))
        .as("stored %s, given %s", stored.location(), root)
        .isTrue();
    assertThat(stored.partitionKeys()).containsExactly("year", "month", "day", "hour");
    assertThat(catalog().partitionValues(TABLE)).isEmpty();
  }

  @Test
  void ensureTableKeepsAnExistingTableAsItIs() throws Exception {
    String first = root("first");
    RawTableCatalog catalog = catalog();
    catalog.ensureTable(TABLE, first);
    RawPartition p = hour(first, 0);
    assertThat(catalog.addPartitions(TABLE, List.of(p))).isEmpty();

    catalog.ensureTable(TABLE, root("second"));

    assertThat(CatalogLocation.same(storedTable(TABLE).location(), first)).isTrue();
    assertThat(storedPartitions(TABLE).keySet()).containsExactly(p.values());
  }

  @Test
  void ensureTableRefusesATableOfAnotherShapeAndLeavesItAlone() throws Exception {
    String root = root("raw");
    createCrawlerShapedTable(TABLE, root);

    assertThatThrownBy(() -> catalog().ensureTable(TABLE, root))
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith("Cannot crawl into " + TABLE)
        .hasMessageContaining("partitioned by [partition_0]");

    assertThat(storedTable(TABLE).partitionKeys()).containsExactly("partition_0");
  }

  @Test
  void addPartitionsAddsTheBatchAtItsFoldersAndPartitionValuesListsEachInKeyOrder()
      throws Exception {
    String root = root("raw");
    RawTableCatalog catalog = catalog();
    catalog.ensureTable(TABLE, root);
    // 23:00 and the next day's 00:00: every level of the values differs from its neighbours.
    List<RawPartition> batch = List.of(hour(root, 23), hour(root, 24), hour(root, 10));

    assertThat(catalog.addPartitions(TABLE, batch)).isEmpty();

    Map<List<String>, String> stored = storedPartitions(TABLE);
    assertThat(stored.keySet())
        .containsExactlyInAnyOrder(
            List.of("2025", "11", "09", "23"),
            List.of("2025", "11", "10", "00"),
            List.of("2025", "11", "09", "10"));
    for (RawPartition p : batch) {
      assertThat(CatalogLocation.same(stored.get(p.values()), p.location()))
          .as("%s stored at %s", p.key(), stored.get(p.values()))
          .isTrue();
    }
    assertThat(catalog.partitionValues(TABLE)).isEqualTo(stored.keySet());
  }

  @Test
  void aFullBatchOfMaxBatchSizeIsAddedInOneCall() throws Exception {
    String root = root("raw");
    RawTableCatalog catalog = catalog();
    assertThat(catalog.maxBatchSize()).isPositive();
    catalog.ensureTable(TABLE, root);
    List<RawPartition> batch = new ArrayList<>();
    for (int i = 0; i < catalog.maxBatchSize(); i++) {
      batch.add(hour(root, i));
    }

    assertThat(catalog.addPartitions(TABLE, batch)).isEmpty();

    assertThat(storedPartitions(TABLE).keySet()).isEqualTo(valuesOf(batch));
  }

  @Test
  void aPartitionThatAlreadyExistsCountsAsAdded() throws Exception {
    String root = root("raw");
    RawTableCatalog catalog = catalog();
    catalog.ensureTable(TABLE, root);
    assertThat(catalog.addPartitions(TABLE, List.of(hour(root, 1)))).isEmpty();

    List<RawPartition> again = List.of(hour(root, 1), hour(root, 2));
    assertThat(catalog.addPartitions(TABLE, again)).isEmpty();

    assertThat(storedPartitions(TABLE).keySet()).isEqualTo(valuesOf(again));
  }

  @Test
  void aRefusedPartitionComesBackWithTheCatalogsReasonAndOnlyTheOthersAreAdded() throws Exception {
    String root = root("raw");
    RawTableCatalog catalog = catalog();
    catalog.ensureTable(TABLE, root);
    RawPartition refused = refusedPartition(root);
    List<RawPartition> batch = List.of(hour(root, 3), refused, hour(root, 4));

    List<CrawlReport.Failure> failures = catalog.addPartitions(TABLE, batch);

    assertThat(failures).extracting(CrawlReport.Failure::partition).contains(refused.key());
    assertThat(failures)
        .allSatisfy(
            f -> {
              assertThat(batch).extracting(RawPartition::key).contains(f.partition());
              assertThat(f.errorCode()).isNotBlank();
              assertThat(f.message()).isNotBlank();
            });
    // Whatever was not reported as failed is in the catalog, and nothing reported failed is.
    Set<List<String>> notFailed = new HashSet<>();
    for (RawPartition p : batch) {
      if (failures.stream().noneMatch(f -> f.partition().equals(p.key()))) {
        notFailed.add(p.values());
      }
    }
    assertThat(storedPartitions(TABLE).keySet()).isEqualTo(notFailed);
  }

  @Test
  void listingThePartitionsOfATableThatIsGoneIsACatalogFailure() throws Exception {
    String root = root("raw");
    RawTableCatalog catalog = catalog();
    catalog.ensureTable(TABLE, root);
    dropBehindItsBack(TABLE);

    assertThatThrownBy(() -> catalog.partitionValues(TABLE))
        .isInstanceOf(LoglakeException.class)
        .hasMessageStartingWith("Cannot list the partitions of " + TABLE);
  }
}
