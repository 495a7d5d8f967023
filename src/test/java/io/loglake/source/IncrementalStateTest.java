package io.loglake.source;

import static io.loglake.testing.LogFixtures.error;
import static io.loglake.testing.LogFixtures.gzipFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loglake.LoglakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental state and its bounded listing, on local files through Hadoop's file system. The
 * expected files are named here from the files the test wrote, not from the code under test.
 */
class IncrementalStateTest {
  private static final Instant NOW = Instant.parse("2025-11-12T00:30:00Z");
  private static final Duration LOOKBACK = Duration.ofHours(3);

  @TempDir Path dir;

  private final Configuration conf = CountingLocalFileSystem.configuration();

  @BeforeEach
  void resetCounts() {
    CountingLocalFileSystem.reset();
  }

  private Path raw() {
    return dir.resolve("raw");
  }

  private Path state() {
    return dir.resolve("_loglake_state");
  }

  private IncrementalRawSource source() {
    return source(LOOKBACK);
  }

  private IncrementalRawSource source(Duration lookback) {
    return new IncrementalRawSource(
        raw().toString(), IncrementalState.at(conf, state().toString()), lookback, NOW);
  }

  private Path object(String hourFolder, String name) {
    return gzipFile(
        raw().resolve(hourFolder).resolve(name), error("2025-11-09T10:00:00Z", "svc-" + name));
  }

  private static List<String> names(RawFiles files) {
    return files.files().stream()
        .map(f -> f.path().substring(f.path().lastIndexOf('/') + 1))
        .toList();
  }

  private List<String> stateFolder() throws IOException {
    try (Stream<Path> files = Files.list(state())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Runs a source through listing and commit, all its files readable; returns their names. */
  private List<String> runOnce() {
    IncrementalRawSource source = source();
    RawFiles files = source.files(conf);
    source.commit("run", List.of());
    return names(files);
  }

  @Test
  void theFirstRunReadsEverythingAndASecondRunWithNothingNewReadsNothingAndWritesNothing()
      throws IOException {
    object("2025/11/09/10", "a.gz");
    object("2025/11/09/11", "b.gz");
    object("2025/11/11/23", "c.gz");

    assertThat(runOnce()).containsExactly("a.gz", "b.gz", "c.gz");
    List<String> after = stateFolder();
    assertThat(after).containsExactly("checkpoint-00000000000000000001.json");

    IncrementalRawSource second = source();
    assertThat(second.files(conf).files()).isEmpty();
    assertThat(second.commit("run2", List.of())).isEmpty();
    assertThat(second.alreadyProcessed()).isEqualTo(1);
    assertThat(stateFolder()).isEqualTo(after);
  }

  @Test
  void aNewObjectInAnOlderHourWithinTheLookbackIsReadOnce() {
    object("2025/11/11/20", "a.gz");
    object("2025/11/11/22", "b.gz");
    runOnce();

    // Late delivery: an object appears in a folder two hours before the newest one processed.
    object("2025/11/11/20", "late.gz");
    object("2025/11/12/00", "new.gz");

    assertThat(runOnce()).containsExactly("late.gz", "new.gz");
    assertThat(runOnce()).isEmpty();
  }

  @Test
  void onlyTheHourFoldersOfTheWindowAreListedNotTheHistory() {
    // Three days of history, every hour.
    for (int day = 9; day <= 11; day++) {
      for (int hour = 0; hour < 24; hour++) {
        object(String.format("2025/11/%02d/%02d", day, hour), "h.gz");
      }
    }
    assertThat(runOnce()).hasSize(72);
    object("2025/11/09/05", "too-late.gz");
    object("2025/11/11/21", "late.gz");
    CountingLocalFileSystem.reset();

    IncrementalRawSource source = source();
    List<String> read = names(source.files(conf));

    // Newest processed: 2025-11-11T23; minus 3 h → 20; to now + 1 h → 2025-11-12T01.
    assertThat(read).containsExactly("late.gz");
    assertThat(source.listedFrom()).isEqualTo(Instant.parse("2025-11-11T20:00:00Z"));
    assertThat(source.listedTo()).isEqualTo(Instant.parse("2025-11-12T01:00:00Z"));
    String root = raw().toUri().getPath().replaceAll("/$", "");
    List<String> hourFoldersListed =
        CountingLocalFileSystem.listed().stream()
            .filter(
                p ->
                    p.startsWith(root + "/2025/11/")
                        && p.split("/").length == root.split("/").length + 4)
            .map(p -> p.substring(root.length() + 1))
            .toList();
    assertThat(hourFoldersListed)
        .containsExactlyInAnyOrder(
            "2025/11/11/20", "2025/11/11/21", "2025/11/11/22", "2025/11/11/23");
    // root, 2025, 11, day 11 (days 9 and 10 are not opened; 12 does not exist) and 4 hours.
    assertThat(CountingLocalFileSystem.listed().stream().filter(p -> p.startsWith(root)))
        .hasSize(8);
    assertThat(source.foldersListed()).isEqualTo(8);
  }

  @Test
  void anUnreadableObjectIsNotMarkedProcessedAndIsReadAgain() {
    Path good = object("2025/11/11/22", "good.gz");
    Path bad = object("2025/11/11/22", "bad.gz");
    IncrementalRawSource first = source();
    RawFiles files = first.files(conf);
    String badPath =
        files.files().stream()
            .map(RawFiles.RawFile::path)
            .filter(p -> p.endsWith("bad.gz"))
            .findFirst()
            .orElseThrow();
    assertThat(first.commit("run1", List.of(badPath))).isPresent();

    assertThat(runOnce()).containsExactly("bad.gz");
    assertThat(runOnce()).isEmpty();
    assertThat(good).exists();
    assertThat(bad).exists();
  }

  @Test
  void objectsOutsideHourFoldersAreReadOnceWhenNoHourFolderWasProcessed() {
    gzipFile(raw().resolve("misc/a.gz"), error("2025-11-09T10:00:00Z", "a"));
    assertThat(runOnce()).containsExactly("a.gz");
    assertThat(runOnce()).isEmpty();
  }

  @Test
  void anObjectWrittenAgainUnderItsNameIsReadAgain() throws IOException {
    Path a = object("2025/11/11/22", "a.gz");
    runOnce();
    gzipFile(a, error("2025-11-11T22:00:00Z", "x"), error("2025-11-11T22:01:00Z", "y"));

    assertThat(runOnce()).containsExactly("a.gz");
  }

  @Test
  void theStateHoldsOnlyWholeCheckpointsAndKeepsTheLastThree() throws IOException {
    for (int i = 0; i < 5; i++) {
      object("2025/11/11/" + (19 + i), "o" + i + ".gz");
      runOnce();
    }
    assertThat(stateFolder())
        .containsExactly(
            "checkpoint-00000000000000000003.json",
            "checkpoint-00000000000000000004.json",
            "checkpoint-00000000000000000005.json");
    JsonNode newest =
        new ObjectMapper()
            .readTree(state().resolve("checkpoint-00000000000000000005.json").toFile());
    assertThat(newest.path("complete").asBoolean()).isTrue();
    assertThat(newest.path("newest_hour").asText()).isEqualTo("2025-11-11T23:00:00Z");
  }

  @Test
  void aCheckpointCutShortIsPassedOverAndItsObjectsAreReadAgain() throws IOException {
    object("2025/11/11/21", "a.gz");
    runOnce();
    object("2025/11/11/22", "b.gz");
    runOnce();
    Path second = state().resolve("checkpoint-00000000000000000002.json");
    byte[] whole = Files.readAllBytes(second);
    Files.write(second, java.util.Arrays.copyOf(whole, whole.length / 2));

    assertThat(runOnce()).containsExactly("b.gz");
    assertThat(stateFolder()).contains("checkpoint-00000000000000000003.json");
    assertThat(runOnce()).isEmpty();
  }

  @Test
  void theSecondOfTwoRunsFromTheSameCheckpointFailsToCommit() {
    object("2025/11/11/21", "a.gz");
    IncrementalRawSource one = source();
    IncrementalRawSource two = source();
    one.files(conf);
    two.files(conf);

    assertThat(one.commit("one", List.of())).contains("checkpoint-00000000000000000001.json");
    assertThatThrownBy(() -> two.commit("two", List.of()))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("another run committed");
  }

  @Test
  void aStateOfAnotherRawZoneIsRefused() {
    object("2025/11/11/21", "a.gz");
    runOnce();
    gzipFile(dir.resolve("other/2025/11/11/21/x.gz"), error("2025-11-11T21:00:00Z", "x"));
    IncrementalRawSource other =
        new IncrementalRawSource(
            dir.resolve("other").toString(),
            IncrementalState.at(conf, state().toString()),
            LOOKBACK,
            NOW);

    assertThatThrownBy(() -> other.files(conf))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("is the progress of");
  }
}
