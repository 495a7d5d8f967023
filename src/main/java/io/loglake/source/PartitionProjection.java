package io.loglake.source;

import io.loglake.LoglakeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Athena's partition projection, as a table declares it ({@code projection.enabled}, {@code
 * projection.<column>.type/range/digits/values}, {@code storage.location.template}): the partition
 * folders are computed, not registered. Here they are found by listing, one template level at a
 * time, only the folders that exist and whose names the projection allows — never by enumerating
 * every projected value (a 10-year hourly range is 87,600 prefixes).
 *
 * <p>Supported: {@code integer} (range, optional digits) and {@code enum} projections; a template
 * whose variables each fill a whole folder name or part of one ({@code year=${year}}). Anything
 * else fails with a {@link LoglakeException} saying why nothing can be read that way.
 */
final class PartitionProjection {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private final String table;
  private final String template;
  private final Map<String, String> properties;

  private PartitionProjection(String table, String template, Map<String, String> properties) {
    this.table = table;
    this.template = template;
    this.properties = properties;
  }

  /** The projection of a table, or null when its properties do not enable one. */
  static PartitionProjection of(
      String table,
      String location,
      List<String> partitionColumns,
      Map<String, String> properties) {
    if (!"true".equalsIgnoreCase(properties.getOrDefault("projection.enabled", "").trim())) {
      return null;
    }
    String template = properties.get("storage.location.template");
    if (template == null || template.isBlank()) {
      // Athena's default: Hive-style folders under the table's location.
      StringBuilder hive = new StringBuilder(location.replaceAll("/+$", ""));
      for (String column : partitionColumns) {
        hive.append('/').append(column).append("=${").append(column).append('}');
      }
      template = hive.toString();
    }
    return new PartitionProjection(table, template, properties);
  }

  String template() {
    return template;
  }

  /**
   * The existing folders the template and the projected values allow, each as a Hadoop location.
   */
  List<String> folders(Configuration conf) {
    Matcher first = VARIABLE.matcher(template);
    if (!first.find()) {
      throw cannot("storage.location.template " + template + " holds no ${column}");
    }
    int rootEnd = template.lastIndexOf('/', first.start());
    String root = CatalogTableSource.hadoopLocation(conf, template.substring(0, rootEnd));
    String[] levels = template.substring(rootEnd + 1).replaceAll("/+$", "").split("/");
    List<Path> current = List.of(new Path(root));
    try {
      FileSystem fs = current.get(0).getFileSystem(conf);
      for (String level : levels) {
        List<Path> next = new ArrayList<>();
        if (!VARIABLE.matcher(level).find()) {
          current.forEach(p -> next.add(new Path(p, level)));
        } else {
          Level pattern = new Level(level);
          for (Path parent : current) {
            for (FileStatus child : list(fs, parent)) {
              if (child.isDirectory() && pattern.allows(child.getPath().getName())) {
                next.add(child.getPath());
              }
            }
          }
        }
        current = next;
      }
    } catch (IOException e) {
      throw new LoglakeException(
          "Cannot list the partition folders of "
              + table
              + " under "
              + root
              + ": "
              + e.getMessage(),
          "check that the location is readable and its file system is reachable",
          e);
    }
    return current.stream().map(Path::toString).sorted().toList();
  }

  private static FileStatus[] list(FileSystem fs, Path folder) throws IOException {
    try {
      return fs.listStatus(folder);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  /** One folder level of the template, e.g. {@code ${year}} or {@code dt=${dt}}. */
  private final class Level {
    private final Pattern pattern;
    private final List<String> columns = new ArrayList<>();

    Level(String level) {
      StringBuilder regex = new StringBuilder();
      Matcher m = VARIABLE.matcher(level);
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(level.substring(last, m.start()))).append("(.+?)");
        columns.add(m.group(1));
        last = m.end();
      }
      regex.append(Pattern.quote(level.substring(last)));
      pattern = Pattern.compile(regex.toString());
      columns.forEach(PartitionProjection.this::checkSupported);
    }

    boolean allows(String name) {
      Matcher m = pattern.matcher(name);
      if (!m.matches()) {
        return false;
      }
      for (int i = 0; i < columns.size(); i++) {
        if (!allowed(columns.get(i), m.group(i + 1))) {
          return false;
        }
      }
      return true;
    }
  }

  private void checkSupported(String column) {
    String type = property(column, "type");
    if (type == null) {
      throw cannot("projection." + column + ".type is not set");
    }
    switch (type) {
      case "integer" -> range(column);
      case "enum" -> {
        if (property(column, "values") == null) {
          throw cannot("projection." + column + ".values is not set");
        }
      }
      default ->
          throw cannot(
              "projection."
                  + column
                  + ".type is '"
                  + type
                  + "'; loglake reads integer and enum projections");
    }
  }

  private boolean allowed(String column, String value) {
    String type = property(column, "type");
    if (type.equals("enum")) {
      for (String allowed : property(column, "values").split(",")) {
        if (allowed.trim().equals(value)) {
          return true;
        }
      }
      return false;
    }
    long[] range = range(column);
    String digits = property(column, "digits");
    if (digits != null && value.length() < Integer.parseInt(digits.trim())) {
      return false;
    }
    if (!value.matches("\\d{1,18}")) {
      return false;
    }
    long number = Long.parseLong(value);
    return number >= range[0] && number <= range[1];
  }

  private long[] range(String column) {
    String range = property(column, "range");
    String[] bounds = range == null ? new String[0] : range.split(",");
    try {
      if (bounds.length == 2) {
        return new long[] {Long.parseLong(bounds[0].trim()), Long.parseLong(bounds[1].trim())};
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw cannot("projection." + column + ".range is '" + range + "', not 'FIRST,LAST'");
  }

  private String property(String column, String name) {
    return properties.get("projection." + column + "." + name);
  }

  private LoglakeException cannot(String why) {
    return new LoglakeException(
        "Cannot read table " + table + " through its partition projection: " + why,
        "fix the table's properties, or register its partitions (loglake crawl) and set"
            + " 'projection.enabled' = 'false', or read the files directly with --raw PATH");
  }
}
