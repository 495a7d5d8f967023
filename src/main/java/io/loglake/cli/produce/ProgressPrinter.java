package io.loglake.cli.produce;

import io.loglake.producer.ProgressListener;
import io.loglake.producer.SinkStats;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a run on standard error: on a terminal, one line rewritten at each call (the producer
 * calls at most once a second); otherwise a log line every {@value #LOG_EVERY_INTERVALS} calls.
 */
public final class ProgressPrinter implements ProgressListener {
  /** Without a terminal, a progress line every this many progress intervals (seconds). */
  private static final int LOG_EVERY_INTERVALS = 10;

  private final PrintWriter err;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastNanos = started;
  private long lastSent;
  private int calls;
  private boolean printed;

  /**
   * @param terminal whether {@code err} is a terminal: then one line is rewritten in place
   */
  public ProgressPrinter(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void onProgress(long recordsSent, SinkStats delivered) {
    calls++;
    if (!terminal && calls % LOG_EVERY_INTERVALS != 0) {
      return;
    }
    long now = System.nanoTime();
    double rate = (recordsSent - lastSent) / Math.max(1e-9, (now - lastNanos) / 1e9);
    lastNanos = now;
    lastSent = recordsSent;
    String line =
        String.format(
            Locale.ROOT,
            "%d sent, %d delivered, %d retried, %d failed (dead-lettered), %.0f records/s",
            recordsSent,
            delivered.records(),
            delivered.retried(),
            delivered.deadLettered(),
            rate);
    if (terminal) {
      err.print("\r" + line + "   ");
      printed = true;
    } else {
      err.printf(Locale.ROOT, "loglake produce: after %.0f s: %s%n", (now - started) / 1e9, line);
    }
    err.flush();
  }

  /** Ends the rewritten line, if one was printed, so that what follows starts on its own line. */
  public void finish() {
    if (printed) {
      err.println();
      err.flush();
    }
  }
}
