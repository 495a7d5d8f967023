package io.loglake.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's two kinds of records: loglake's own producer's (with an {@code event_id}, which
 * the job dedupes on) and the seed producer's (without one: the job dedupes on the whole content).
 */
enum Dataset {
  EVENT_ID("event-id", "", List.of()),
  NO_EVENT_ID("no-event-id", "-no-event-id", List.of("--no-event-id"));

  final String id;

  /**
   * Added to a data folder's name ({@code 6m}, {@code 6m-no-event-id}): the first keeps its own.
   */
  final String folderSuffix;

  /** What {@code loglake produce} gets on top of the scale's arguments. */
  final List<String> produceArguments;

  Dataset(String id, String folderSuffix, List<String> produceArguments) {
    this.id = id;
    this.folderSuffix = folderSuffix;
    this.produceArguments = produceArguments;
  }

  /** {@code event-id}, {@code no-event-id} or {@code both} (the first, then the second). */
  static List<Dataset> parse(String value) {
    if (value.equals("both")) {
      return Arrays.asList(values());
    }
    return List.of(
        Arrays.stream(values())
            .filter(dataset -> dataset.id.equals(value))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--dataset takes event-id, no-event-id or both, not '" + value + "'")));
  }
}
