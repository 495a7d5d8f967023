package io.loglake.source;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Raw logs straight from a raw zone laid out as Firehose delivers it (or any tree of files). */
public final class RawPathSource implements LogSource {
  private final String root;

  public RawPathSource(String root) {
    this.root = root;
  }

  @Override
  public RawFiles files(SparkSession spark) {
    return RawFileLister.list(spark.sparkContext().hadoopConfiguration(), List.of(root), true);
  }

  @Override
  public String describe() {
    return root;
  }
}
