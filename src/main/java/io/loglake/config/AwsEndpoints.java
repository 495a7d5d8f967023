package io.loglake.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where AWS calls go, by the AWS conventions (the AWS SDKs and CLI read the same variables): an
 * explicit endpoint (a command's {@code --endpoint-url}) wins, else {@code
 * AWS_ENDPOINT_URL_<SERVICE>} (e.g. {@code AWS_ENDPOINT_URL_S3}), else {@code AWS_ENDPOINT_URL},
 * else the region's AWS endpoint. The region is {@code AWS_REGION}. An S3 endpoint that is not an
 * AWS one (an S3-compatible store, a test server on 127.0.0.1) is addressed path-style ({@code
 * http://host/bucket/key}): such stores rarely resolve {@code bucket.host} names.
 *
 * <p>The environment is injected, so the precedence is tested without changing the process's.
 */
public final class AwsEndpoints {
  /** The Hadoop S3A file system, which also serves {@code s3://} and {@code s3n://} locally. */
  public static final String S3A_FILE_SYSTEM = "org.apache.hadoop.fs.s3a.S3AFileSystem";

  private final Map<String, String> env;

  public AwsEndpoints(Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
  }

  /** The conventions read from this process's environment. */
  public static AwsEndpoints fromEnvironment() {
    return new AwsEndpoints(System.getenv());
  }

  /**
   * The endpoint for {@code service} (its SDK service id as the variables spell it: {@code S3},
   * {@code FIREHOSE}, {@code GLUE}, {@code CLOUDWATCH}): {@code explicit} if not null, else the
   * environment's, else null (the region's AWS endpoint).
   */
  public URI endpoint(String service, URI explicit) {
    if (explicit != null) {
      return explicit;
    }
    String value = nonBlank("AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT));
    if (value == null) {
      value = nonBlank("AWS_ENDPOINT_URL");
    }
    return value == null ? null : URI.create(value);
  }

  /** {@code AWS_REGION}, or null when not set. */
  public String region() {
    return nonBlank("AWS_REGION");
  }

  /** Whether S3 at {@code endpoint} wants path-style addressing: any endpoint not AWS's own. */
  public static boolean pathStyle(URI endpoint) {
    if (endpoint == null || endpoint.getHost() == null) {
      return false;
    }
    String host = endpoint.getHost().toLowerCase(Locale.ROOT);
    return !(host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn"));
  }

  /**
   * The Spark settings ({@code spark.hadoop.*}) for S3A in a local run: {@code s3://} and {@code
   * s3n://} served by S3A (so one path spelling serves docs, job definitions, catalogs and tests),
   * and the environment's S3 endpoint (path-style when not AWS's) and region. Credentials are left
   * to S3A's default providers, which read {@code AWS_ACCESS_KEY_ID} / {@code
   * AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}) from the environment. A caller applies
   * its explicit settings ({@code --conf}) after these, so they win.
   */
  public Map<String, String> localS3aSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.hadoop.fs.s3.impl", S3A_FILE_SYSTEM);
    settings.put("spark.hadoop.fs.s3n.impl", S3A_FILE_SYSTEM);
    URI endpoint = endpoint("S3", null);
    if (endpoint != null) {
      settings.put("spark.hadoop.fs.s3a.endpoint", endpoint.toString());
      settings.put("spark.hadoop.fs.s3a.path.style.access", Boolean.toString(pathStyle(endpoint)));
      if ("http".equalsIgnoreCase(endpoint.getScheme())) {
        settings.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
      }
    }
    String region = region();
    if (region != null) {
      settings.put("spark.hadoop.fs.s3a.endpoint.region", region);
    }
    return settings;
  }

  private String nonBlank(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
