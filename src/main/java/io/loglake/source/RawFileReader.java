package io.loglake.source;

import io.loglake.config.EventTimeRange;
import io.loglake.transform.ParseTransform;
import io.loglake.transform.RawLine;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads raw files into lines on the executors ({@link ParseTransform#LINES}): GZIP ({@code .gz}),
 * any other Hadoop codec by extension, or plain text; LF or CRLF line ends.
 * A file that fails while being read yields the lines before the failure, then one error row.
 *
 * <p>Files are packed into tasks of about {@link #TARGET_BYTES_PER_TASK} of stored bytes, largest
 * first, so that tasks are even; there are at least as many tasks as the cluster has cores.
 */
public final class RawFileReader {
  /** About 64 MiB of stored (compressed) bytes per task. */
  static final long TARGET_BYTES_PER_TASK = 64L << 20;

  private static final int BUFFER_BYTES = 1 << 16;

  private RawFileReader() {}

  /** The lines of {@code files} ({@link ParseTransform#LINES}); lazy: no action runs. */
  public static Dataset<Row> read(SparkSession spark, RawFiles files) {
    return readTasks(spark, files, RawFileReader::toRows, ParseTransform.LINES);
  }

  /**
   * The parsed records of {@code files} ({@link ParseTransform#PARSED}): the same as
   * {@code ParseTransform.apply(read(spark, files), levels, eventTimeRange)}, but each task parses
   * the lines as it reads them, without turning them into Spark rows in between (and sees their
   * bytes, so invalid UTF-8 is quarantined with its original bytes).
   */
  public static Dataset<Row> readParsed(
      SparkSession spark, RawFiles files, Set<String> levels, EventTimeRange eventTimeRange) {
    Set<String> wanted = Set.copyOf(levels);
    return readTasks(spark, files, lines -> ParseTransform.parse(lines, wanted, eventTimeRange),
        ParseTransform.PARSED);
  }

  /**
   * One Spark task per group of files (a dataset of newline-joined paths, one element per
   * partition), mapped through an encoder so that rows are converted by generated code.
   */
  private static Dataset<Row> readTasks(
      SparkSession spark, RawFiles files, TaskFunction andThen, StructType schema) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> tasks = pack(files, jsc.defaultParallelism()).stream()
        .map(paths -> String.join("\n", paths)).toList();
    SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
    MapPartitionsFunction<String, Row> readTask = groups -> andThen.apply(
        new LineIterator(conf.value(), new GroupIterator(groups)));
    return spark.createDataset(jsc.parallelize(tasks, Math.max(1, tasks.size())).rdd(), Encoders.STRING())
        .mapPartitions(readTask, Encoders.row(schema));
  }

  /** What a task does with the lines it reads. */
  @FunctionalInterface
  private interface TaskFunction extends Function<Iterator<RawLine>, Iterator<Row>>, java.io.Serializable {}

  private static Iterator<Row> toRows(Iterator<RawLine> lines) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public Row next() {
        RawLine line = lines.next();
        return RowFactory.create(line.sourceFile(), line.text(), line.readError());
      }
    };
  }

  /** Newline-joined path groups → lists of paths. */
  private record GroupIterator(Iterator<String> joined) implements Iterator<List<String>> {
    @Override
    public boolean hasNext() {
      return joined.hasNext();
    }

    @Override
    public List<String> next() {
      return List.of(joined.next().split("\n"));
    }
  }

  /** Packs files into balanced groups, one group per task. */
  static List<List<String>> pack(RawFiles files, int minTasks) {
    long total = files.totalBytes();
    int taskCount = (int) Math.max(minTasks, (total + TARGET_BYTES_PER_TASK - 1) / TARGET_BYTES_PER_TASK);
    taskCount = Math.max(1, Math.min(taskCount, files.count()));
    List<List<String>> tasks = new ArrayList<>(taskCount);
    long[] load = new long[taskCount];
    for (int i = 0; i < taskCount; i++) {
      tasks.add(new ArrayList<>());
    }
    List<RawFiles.RawFile> bySize = new ArrayList<>(files.files());
    bySize.sort(Comparator.comparingLong(RawFiles.RawFile::length).reversed()
        .thenComparing(RawFiles.RawFile::path));
    for (RawFiles.RawFile file : bySize) {
      int lightest = 0;
      for (int i = 1; i < taskCount; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      tasks.get(lightest).add(file.path());
      load[lightest] += file.length();
    }
    tasks.removeIf(List::isEmpty);
    return tasks;
  }

  /**
   * Streams the lines of a task's files, one file at a time, as windows of one reused byte buffer
   * (no decoding here: the parser decodes only the lines it keeps). LF or CRLF line ends; empty
   * lines are skipped; a last line without a line end counts.
   */
  private static final class LineIterator implements Iterator<RawLine> {
    private final Configuration conf;
    private final Iterator<List<String>> groups;
    private final RawLine line = new RawLine();
    private Iterator<String> paths = Collections.emptyIterator();
    private String currentPath;
    private InputStream in;
    private byte[] buffer = new byte[BUFFER_BYTES * 4];
    private int position;
    private int limit;
    private boolean endOfFile;
    private long linesInFile;
    private boolean ready;

    LineIterator(Configuration conf, Iterator<List<String>> groups) {
      this.conf = conf;
      this.groups = groups;
    }

    @Override
    public boolean hasNext() {
      while (!ready) {
        if (in == null && !openNextFile()) {
          return false;
        }
        if (ready || in == null) {
          continue;
        }
        try {
          if (readLine()) {
            ready = true;
          } else {
            closeQuietly();
          }
        } catch (IOException | RuntimeException e) {
          line.setError(currentPath, "cannot read after " + linesInFile + " lines: " + describe(e));
          ready = true;
          closeQuietly();
        }
      }
      return true;
    }

    @Override
    public RawLine next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ready = false;
      return line;
    }

    /** Points {@link #line} at the next non-empty line of the open file; false at its end. */
    private boolean readLine() throws IOException {
      while (true) {
        for (int i = position; i < limit; i++) {
          if (buffer[i] == '\n') {
            int start = position;
            position = i + 1;
            if (emit(start, i)) {
              return true;
            }
            i = position - 1;
          }
        }
        if (endOfFile) {
          int start = position;
          position = limit;
          return start < limit && emit(start, limit);
        }
        fill();
      }
    }

    /** Sets the line to {@code buffer[start, end)} less a trailing CR; false when it is empty. */
    private boolean emit(int start, int end) {
      if (end > start && buffer[end - 1] == '\r') {
        end--;
      }
      if (end == start) {
        return false;
      }
      linesInFile++;
      line.set(currentPath, buffer, start, end);
      return true;
    }

    /** Keeps the unread bytes at the front of the buffer (growing it for a long line), reads more. */
    private void fill() throws IOException {
      int unread = limit - position;
      if (position > 0) {
        System.arraycopy(buffer, position, buffer, 0, unread);
      } else if (unread == buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
      }
      position = 0;
      limit = unread;
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        endOfFile = true;
      } else {
        limit += read;
      }
    }

    /** Opens the next file; false when there is none. After an open error, the line holds it. */
    private boolean openNextFile() {
      while (!paths.hasNext()) {
        if (!groups.hasNext()) {
          return false;
        }
        paths = groups.next().iterator();
      }
      currentPath = paths.next();
      linesInFile = 0;
      position = 0;
      limit = 0;
      endOfFile = false;
      try {
        in = open(new Path(currentPath));
      } catch (IOException | RuntimeException e) {
        line.setError(currentPath, "cannot open: " + describe(e));
        ready = true;
      }
      return true;
    }

    private InputStream open(Path path) throws IOException {
      InputStream raw = path.getFileSystem(conf).open(path, BUFFER_BYTES);
      try {
        if (path.getName().endsWith(".gz")) {
          return new GZIPInputStream(raw, BUFFER_BYTES);
        }
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        return codec == null ? raw : codec.createInputStream(raw);
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    }

    private void closeQuietly() {
      try {
        if (in != null) {
          in.close();
        }
      } catch (IOException e) {
        // Closing a stream that was only read loses nothing; the lines are already out.
      } finally {
        in = null;
      }
    }

    private static String describe(Exception e) {
      String message = e.getMessage();
      return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
  }
}
