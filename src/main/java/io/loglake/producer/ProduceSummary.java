package io.loglake.producer;

import java.time.Duration;
import java.util.Locale;

/**
 * The outcome of a production run.
 *
 * @param recordsSent records generated and sent (all delivered, as the run closed its sink)
 * @param delivered what the sink delivered: records, objects, bytes before and after compression
 * @param elapsed wall-clock time of the run
 */
public record ProduceSummary(long recordsSent, SinkStats delivered, Duration elapsed) {
  /** One line for people: records, objects (if any), bytes, elapsed. */
  public String describe() {
    double seconds = elapsed.toNanos() / 1e9;
    StringBuilder line = new StringBuilder("Produced ").append(recordsSent).append(" records");
    if (delivered.objects() > 0) {
      line.append(" into ").append(delivered.objects()).append(" objects");
    }
    line.append(": ").append(delivered.bytes()).append(" bytes");
    if (delivered.storedBytes() != delivered.bytes()) {
      line.append(" (").append(delivered.storedBytes()).append(" bytes stored)");
    }
    return line.append(
            String.format(
                Locale.ROOT,
                " in %.1f s (%.0f records/s)",
                seconds,
                seconds > 0 ? recordsSent / seconds : 0.0))
        .toString();
  }
}
