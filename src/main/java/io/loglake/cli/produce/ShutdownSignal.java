package io.loglake.cli.produce;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C or SIGTERM during a run: a shutdown hook sets {@link #stop()} and then holds the JVM until
 * the run {@linkplain #close() ends} (at most the grace), so the run flushes what is buffered and
 * prints its counts before the process exits.
 */
public final class ShutdownSignal implements AutoCloseable {
  private final AtomicBoolean stop = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private ShutdownSignal(Duration grace) {
    hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "loglake-produce-shutdown");
  }

  /** Installs the hook until {@link #close}. */
  public static ShutdownSignal install(Duration grace) {
    ShutdownSignal signal = new ShutdownSignal(grace);
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /** Set once a shutdown began: the run should stop generating and flush. */
  public AtomicBoolean stop() {
    return stop;
  }

  /** The run has ended: a hook that is running returns, and the hook is removed otherwise. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it returns now that the run has finished.
    }
  }
}
