package io.loglake.source;

import java.time.Instant;
import java.util.List;

/**
 * What the incremental runs up to one successful run processed.
 *
 * @param sequence this checkpoint's place in the order of runs, from 1
 * @param runId the run that wrote it
 * @param rawRoot the raw zone it is the progress of, fully qualified
 * @param newestHour the newest hour folder any run processed an object in, or null when none
 * @param processed the processed objects still inside the next run's listing window
 */
public record Checkpoint(
    long sequence, String runId, String rawRoot, Instant newestHour, List<ListedObject> processed) {
  public Checkpoint {
    processed = List.copyOf(processed);
  }
}
