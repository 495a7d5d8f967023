package io.loglake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a command to its end and measures it: wall time from start to exit, and peak resident set
 * size, the largest {@code VmHWM} seen in {@code /proc/<pid>/status} while it runs (the launcher
 * execs java, so the pid is the JVM's; growth in the last poll interval can be missed).
 */
final class MeasuredProcess {
  private static final long POLL_MILLIS = 20;
  private static final Pattern VM_HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB$");

  record Result(int exitCode, long wallMillis, long peakRssBytes, String output) {}

  private MeasuredProcess() {}

  /** Runs {@code command} with {@code environment} added; its output goes to {@code log}. */
  static Result run(List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      long start = System.nanoTime();
      Process process = builder.start();
      Path status = Path.of("/proc", Long.toString(process.pid()), "status");
      long peak = 0;
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        peak = Math.max(peak, peakRss(status));
      }
      long wallMillis = (System.nanoTime() - start) / 1_000_000;
      return new Result(process.exitValue(), wallMillis, peak, Files.readString(log));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command.get(0), e);
    }
  }

  private static long peakRss(Path status) {
    try {
      return vmHwmBytes(Files.readString(status));
    } catch (IOException e) {
      return 0; // the process has just exited
    }
  }

  /** The {@code VmHWM} of a {@code /proc/<pid>/status} text in bytes, or 0 when it has none. */
  static long vmHwmBytes(String status) {
    Matcher matcher = VM_HWM.matcher(status);
    return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : 0;
  }
}
