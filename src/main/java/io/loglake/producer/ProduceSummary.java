package io.loglake.producer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The outcome of a production run.
 *
 * @param recordsSent records generated and handed to the sink
 * @param delivered what the sink delivered: records, objects, bytes before and after compression,
 *     retries and dead letters
 * @param elapsed wall-clock time of the run
 */
public record ProduceSummary(long recordsSent, SinkStats delivered, Duration elapsed) {
  /** One line for people: records, objects (if any), bytes, elapsed. */
  public String describe() {
    StringBuilder line = new StringBuilder("Produced ").append(count(recordsSent, "record"));
    if (delivered.objects() > 0) {
      line.append(" into ").append(count(delivered.objects(), "object"));
    }
    line.append(": ").append(delivered.bytes()).append(" bytes");
    if (delivered.storedBytes() != delivered.bytes()) {
      line.append(" (").append(delivered.storedBytes()).append(" bytes stored)");
    }
    double seconds = seconds();
    double rate = seconds > 0 ? recordsSent / seconds : 0.0;
    return line.append(
            String.format(
                Locale.ROOT,
                rate < 10 ? " in %.1f s (%.1f records/s)" : " in %.1f s (%.0f records/s)",
                seconds,
                rate))
        .toString();
  }

  /**
   * The run's last line: {@link #describe()} and {@code destination}, then for a sink that retries
   * and dead-letters ({@code countsDeliveries}) what was delivered, retried and dead-lettered, with
   * {@code deadLetter} if anything went there. A run that delivered nothing says so instead of
   * giving bytes and a rate.
   *
   * @param destination e.g. {@code to Firehose stream NAME}
   */
  public String describe(String destination, boolean countsDeliveries, Path deadLetter) {
    StringBuilder line;
    if (countsDeliveries && delivered.records() == 0) {
      line =
          new StringBuilder("Produced ")
              .append(count(recordsSent, "record"))
              .append(String.format(Locale.ROOT, " in %.1f s ", seconds()))
              .append(destination)
              .append(": nothing delivered; ");
    } else {
      line = new StringBuilder(describe()).append(' ').append(destination);
      if (!countsDeliveries) {
        return line.toString();
      }
      line.append("; ").append(delivered.records()).append(" delivered, ");
    }
    line.append(delivered.retried())
        .append(" retried, ")
        .append(delivered.deadLettered())
        .append(" dead-lettered");
    if (delivered.deadLettered() > 0) {
      line.append(" (in ").append(deadLetter).append(')');
    }
    return line.toString();
  }

  /** {@code 1 record}, {@code 2 records}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private double seconds() {
    return elapsed.toNanos() / 1e9;
  }
}
