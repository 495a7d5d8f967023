package io.loglake.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One chromedriver process on 127.0.0.1 and everything it starts. The port is chosen by the
 * operating system ({@code --port=0}) and read from the line chromedriver prints once it listens,
 * so no port is picked, released and hoped to stay free. {@link #stop} ends the driver and every
 * browser process of it, including those a dead driver left behind.
 */
final class ChromeDriverProcess {
  private static final Pattern STARTED =
      Pattern.compile("ChromeDriver was started successfully on port (\\d+)");
  private static final int KEPT_LINES = 50;
  private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

  private final Process process;
  private final int port;
  private final Deque<String> output;

  private ChromeDriverProcess(Process process, int port, Deque<String> output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /**
   * Starts {@code driver} with {@code environment} added to this JVM's and returns once it listens;
   * fails (the process stopped) when it has not said so within {@code timeout}.
   */
  static ChromeDriverProcess start(Path driver, Map<String, String> environment, Duration timeout) {
    ProcessBuilder builder =
        new ProcessBuilder(driver.toString(), "--port=0").redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + driver + ": " + e.getMessage(), e);
    }
    Deque<String> output = new ArrayDeque<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(() -> drain(process, output, port), "chromedriver-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      return new ChromeDriverProcess(
          process, port.get(timeout.toMillis(), TimeUnit.MILLISECONDS), output);
    } catch (TimeoutException | ExecutionException e) {
      destroyAll(List.of(process.toHandle()));
      throw new IllegalStateException(
          "Cannot start "
              + driver
              + ": it did not report its port within "
              + timeout.toSeconds()
              + " s; its output: "
              + recent(output),
          e);
    } catch (InterruptedException e) {
      destroyAll(List.of(process.toHandle()));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting " + driver, e);
    }
  }

  /**
   * Reads the driver's output to its end (so a full pipe never blocks it), completing {@code port}
   * at the line naming it and keeping the last lines for error messages.
   */
  private static void drain(
      Process process, Deque<String> output, CompletableFuture<Integer> port) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (output) {
          output.addLast(line);
          if (output.size() > KEPT_LINES) {
            output.removeFirst();
          }
        }
        Matcher started = STARTED.matcher(line);
        if (started.find()) {
          port.complete(Integer.parseInt(started.group(1)));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("chromedriver exited"));
  }

  private static String recent(Deque<String> output) {
    synchronized (output) {
      return output.isEmpty() ? "(none)" : String.join(" | ", output);
    }
  }

  int port() {
    return port;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** The driver's last lines of output, for error messages. */
  String recentOutput() {
    return recent(output);
  }

  /**
   * Every live process of this driver: itself, its descendants, the browser {@code browserPid}
   * (when known, {@code <= 0} if not) with its descendants, and any process whose command line
   * holds {@code marker} (a path unique to this driver: the browser's processes that a dead driver
   * or browser left to init, and crashpad handlers, which detach at once).
   */
  List<ProcessHandle> processes(long browserPid, String marker) {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    all.add(process.toHandle());
    process.descendants().forEach(all::add);
    if (browserPid > 0) {
      ProcessHandle.of(browserPid)
          .ifPresent(
              browser -> {
                all.add(browser);
                browser.descendants().forEach(all::add);
              });
    }
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .forEach(all::add);
    return all.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
  }

  /**
   * Ends the driver and every process {@link #processes} finds, politely first, then forcibly;
   * returns those still alive after that (none, unless the system refuses to end them).
   */
  List<ProcessHandle> stop(long browserPid, String marker) {
    List<ProcessHandle> found = processes(browserPid, marker);
    process.destroy();
    await(List.of(process.toHandle()));
    destroyAll(found);
    // A second look: a browser process the driver was starting while it was being stopped.
    destroyAll(processes(browserPid, marker));
    return processes(browserPid, marker);
  }

  private static void destroyAll(List<ProcessHandle> processes) {
    processes.forEach(ProcessHandle::destroyForcibly);
    await(processes);
  }

  private static void await(List<ProcessHandle> processes) {
    List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
    processes.forEach(p -> exits.add(p.onExit()));
    try {
      CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
          .get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Whoever is still alive is reported by the caller's next look.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
