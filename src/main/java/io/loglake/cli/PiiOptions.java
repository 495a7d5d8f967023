package io.loglake.cli;

import io.loglake.config.AwsEndpoints;
import io.loglake.config.HashKeySource;
import io.loglake.config.IpMask;
import io.loglake.config.PiiConfig;
import io.loglake.pii.EnvironmentHashKey;
import io.loglake.pii.SecretsManagerHashKey;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The PII options of the commands that write the curated table ({@code etl}, {@code stream}):
 * {@code --mask-ip}, {@code --hash-user-id} and where the hash key comes from. Defaults are those
 * of {@link PiiConfig}.
 */
public final class PiiOptions {
  @Option(
      names = "--mask-ip",
      paramLabel = "none|truncate|hash",
      defaultValue = PiiConfig.DEFAULT_IP_MASK_TEXT,
      description =
          "What the curated zone stores of ip: none (as logged), truncate (IPv4 /24 a.b.c.0, IPv6"
              + " /48; anything that is not an address: null) or hash (keyed HMAC-SHA-256, hex;"
              + " needs the hash key) (default: ${DEFAULT-VALUE}).")
  String maskIp;

  @Option(
      names = "--hash-user-id",
      arity = "0..1",
      paramLabel = "true|false",
      description =
          "Store user_id as its keyed HMAC-SHA-256 (lowercase hex); needs the hash key. Takes an"
              + " optional true/false, as Glue job arguments always have a value.")
  boolean hashUserId;

  @Option(
      names = "--hash-key-env",
      paramLabel = "NAME",
      description =
          "Read the hash key from this environment variable (default: "
              + PiiConfig.DEFAULT_HASH_KEY_ENV
              + "; at least 16 bytes). A missing key fails the run before anything is written.")
  String hashKeyEnv;

  @Option(
      names = "--hash-key-secret",
      paramLabel = "ID",
      description =
          "Read the hash key from this AWS Secrets Manager secret (name or ARN; its SecretString)"
              + " instead of the environment. Region and endpoint: AWS_REGION,"
              + " AWS_ENDPOINT_URL_SECRETS_MANAGER.")
  String hashKeySecret;

  /** The PII setting of these options; a bad value is a usage error made by {@code usage}. */
  PiiConfig config(Function<String, ParameterException> usage) {
    IpMask ipMask;
    try {
      ipMask = IpMask.parse(maskIp);
    } catch (IllegalArgumentException e) {
      throw usage.apply("Invalid --mask-ip: " + e.getMessage());
    }
    if (hashKeyEnv != null && hashKeySecret != null) {
      throw usage.apply("Use either --hash-key-env or --hash-key-secret, not both");
    }
    boolean needsKey = ipMask == IpMask.HASH || hashUserId;
    if (!needsKey && (hashKeyEnv != null || hashKeySecret != null)) {
      throw usage.apply(
          "--hash-key-env and --hash-key-secret are for --hash-user-id or --mask-ip hash");
    }
    if (hashKeyEnv != null && hashKeyEnv.isBlank()) {
      throw usage.apply("Invalid --hash-key-env: an environment variable name is required");
    }
    if (hashKeySecret != null && hashKeySecret.isBlank()) {
      throw usage.apply("Invalid --hash-key-secret: a secret name or ARN is required");
    }
    HashKeySource key = null;
    if (needsKey) {
      key =
          hashKeySecret != null
              ? new SecretsManagerHashKey(hashKeySecret, AwsEndpoints.fromEnvironment(), null)
              : new EnvironmentHashKey(
                  hashKeyEnv != null ? hashKeyEnv : PiiConfig.DEFAULT_HASH_KEY_ENV,
                  System.getenv());
    }
    return new PiiConfig(ipMask, hashUserId, key);
  }
}
