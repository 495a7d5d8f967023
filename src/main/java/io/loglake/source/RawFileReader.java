package io.loglake.source;

import io.loglake.config.EtlConfig;
import io.loglake.config.EventTimeRange;
import io.loglake.schema.QuarantineReason;
import io.loglake.transform.ParseTransform;
import io.loglake.transform.RawLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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
 * Reads raw files into lines on the executors ({@link ParseTransform#LINES}): GZIP or Snappy
 * (framing format) by their content, any other Hadoop codec by extension, or plain text; LF or CRLF
 * line ends (see {@link RawFileFormat} and {@link RawLineIterator}). A file that is not NDJSON (a
 * ZIP archive, binary content) yields one error row; one that fails while being read yields the
 * lines before the failure, then one error row. A line longer than the limit yields its first KiB
 * as a too-long line, never a buffer of its size.
 *
 * <p>Files are packed into tasks of about {@link #TARGET_BYTES_PER_TASK} of stored bytes, largest
 * first, so that tasks are even; there are at least as many tasks as the cluster has cores.
 */
public final class RawFileReader {
  /** About 64 MiB of stored (compressed) bytes per task. */
  static final long TARGET_BYTES_PER_TASK = 64L << 20;

  private RawFileReader() {}

  /** The lines of {@code files} ({@link ParseTransform#LINES}); lazy: no action runs. */
  public static Dataset<Row> read(SparkSession spark, RawFiles files) {
    return read(spark, files, EtlConfig.DEFAULT_MAX_LINE_BYTES);
  }

  /** The same, with lines over {@code maxLineBytes} cut as {@link RawLineIterator} says. */
  public static Dataset<Row> read(SparkSession spark, RawFiles files, int maxLineBytes) {
    return readTasks(spark, files, maxLineBytes, RawFileReader::toRows, ParseTransform.LINES);
  }

  /** {@link #readParsed(SparkSession, RawFiles, Set, int)} with the default line limit. */
  public static Dataset<Row> readParsed(SparkSession spark, RawFiles files, Set<String> levels) {
    return readParsed(
        spark, files, levels, EventTimeRange.DEFAULT, EtlConfig.DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * The parsed records of {@code files} ({@link ParseTransform#PARSED}): the same as {@code
   * ParseTransform.apply(read(spark, files, maxLineBytes), levels, eventTimeRange)}, but each task
   * parses the lines as it reads them, without turning them into Spark rows in between (and sees
   * their bytes, so invalid UTF-8 is quarantined with its original bytes).
   */
  public static Dataset<Row> readParsed(
      SparkSession spark,
      RawFiles files,
      Set<String> levels,
      EventTimeRange eventTimeRange,
      int maxLineBytes) {
    Set<String> wanted = Set.copyOf(levels);
    return readTasks(
        spark,
        files,
        maxLineBytes,
        lines -> ParseTransform.parse(lines, wanted, eventTimeRange),
        ParseTransform.PARSED);
  }

  /**
   * One Spark task per group of files (a dataset of newline-joined paths, one element per
   * partition), mapped through an encoder so that rows are converted by generated code.
   */
  private static Dataset<Row> readTasks(
      SparkSession spark,
      RawFiles files,
      int maxLineBytes,
      TaskFunction andThen,
      StructType schema) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> tasks =
        pack(files, jsc.defaultParallelism()).stream()
            .map(paths -> String.join("\n", paths))
            .toList();
    SerializableConfiguration conf = new SerializableConfiguration(jsc.hadoopConfiguration());
    MapPartitionsFunction<String, Row> readTask =
        groups ->
            andThen.apply(
                new RawLineIterator(conf.value(), new GroupIterator(groups), maxLineBytes));
    return spark
        .createDataset(jsc.parallelize(tasks, Math.max(1, tasks.size())).rdd(), Encoders.STRING())
        .mapPartitions(readTask, Encoders.row(schema));
  }

  /** What a task does with the lines it reads. */
  @FunctionalInterface
  private interface TaskFunction
      extends Function<Iterator<RawLine>, Iterator<Row>>, java.io.Serializable {}

  private static Iterator<Row> toRows(Iterator<RawLine> lines) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public Row next() {
        RawLine line = lines.next();
        String error = line.tooLong() ? QuarantineReason.LINE_TOO_LONG.code() : line.readError();
        return RowFactory.create(line.sourceFile(), line.text(), error);
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
    int taskCount =
        (int) Math.max(minTasks, (total + TARGET_BYTES_PER_TASK - 1) / TARGET_BYTES_PER_TASK);
    taskCount = Math.max(1, Math.min(taskCount, files.count()));
    List<List<String>> tasks = new ArrayList<>(taskCount);
    long[] load = new long[taskCount];
    for (int i = 0; i < taskCount; i++) {
      tasks.add(new ArrayList<>());
    }
    List<RawFiles.RawFile> bySize = new ArrayList<>(files.files());
    bySize.sort(
        Comparator.comparingLong(RawFiles.RawFile::length)
            .reversed()
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
}
