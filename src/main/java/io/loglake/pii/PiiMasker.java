package io.loglake.pii;

import io.loglake.LoglakeException;
import io.loglake.config.IpMask;
import io.loglake.config.PiiConfig;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The masking of one run: what is stored of {@code ip} and {@code user_id}, with the key read once
 * on the driver. Shipped to the executors inside the task (never as a literal of the query plan);
 * each task {@link #open opens} its own {@link Masking}, with its own {@link Mac}. {@code toString}
 * never shows the key.
 *
 * <p>A hash is the lowercase hex HMAC-SHA-256 of the value's UTF-8 bytes (64 characters): the value
 * as logged for {@code user_id}; for {@code ip}, the address's {@link IpAddresses#canonical
 * canonical} spelling (so {@code 2001:DB8::1} and {@code 2001:db8:0::1} hash alike), or the value
 * as logged when it is not an address. Null stays null. The same key and value give the same hash
 * in every run, so the hashed columns still group and join; anyone with the key can test a guess
 * ({@code printf %s VALUE | openssl dgst -sha256 -hmac KEY}), no one without it can.
 */
public final class PiiMasker implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String ALGORITHM = "HmacSHA256";

  private final IpMask ipMask;
  private final boolean hashUserId;
  private final byte[] key;

  private PiiMasker(IpMask ipMask, boolean hashUserId, byte[] key) {
    this.ipMask = ipMask;
    this.hashUserId = hashUserId;
    this.key = key;
  }

  /**
   * The masking {@code config} asks for, its key read now when a hash is asked for; null when
   * nothing is masked.
   *
   * @throws LoglakeException when the key cannot be read or is shorter than {@link
   *     PiiConfig#MIN_KEY_BYTES}
   */
  public static PiiMasker of(PiiConfig config) {
    if (!config.enabled()) {
      return null;
    }
    byte[] key = null;
    if (config.needsKey()) {
      key = config.keySource().read();
      if (key == null || key.length == 0) {
        throw new LoglakeException(
            "Cannot read the hash key: " + config.keySource().describe() + " is empty",
            "set it to a random secret of at least "
                + PiiConfig.MIN_KEY_BYTES
                + " bytes (e.g. openssl rand -hex 32); nothing was written");
      }
      if (key.length < PiiConfig.MIN_KEY_BYTES) {
        throw new LoglakeException(
            "Cannot use the hash key from "
                + config.keySource().describe()
                + ": it is "
                + key.length
                + " bytes long, at least "
                + PiiConfig.MIN_KEY_BYTES
                + " are needed",
            "set it to a longer random secret (e.g. openssl rand -hex 32); nothing was written");
      }
    }
    return new PiiMasker(config.ipMask(), config.hashUserId(), key);
  }

  /** A masking for one thread (one task's partition): not thread-safe, cheap to open. */
  public Masking open() {
    return new Masking();
  }

  @Override
  public String toString() {
    return "PiiMasker[ip=" + ipMask.text() + ", user_id=" + (hashUserId ? "hmac" : "none") + "]";
  }

  /** The masking functions, with this thread's {@link Mac}. */
  public final class Masking {
    private final Mac mac;

    private Masking() {
      if (key == null) {
        mac = null;
        return;
      }
      try {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(key, ALGORITHM));
      } catch (GeneralSecurityException e) {
        // Every Java SE runtime has HmacSHA256, and any non-empty key fits it.
        throw new IllegalStateException("Cannot set up " + ALGORITHM, e);
      }
    }

    /** What is stored of an {@code ip} value. */
    public String ip(String value) {
      return switch (ipMask) {
        case NONE -> value;
        case TRUNCATE -> IpAddresses.truncate(value);
        case HASH -> {
          String canonical = IpAddresses.canonical(value);
          yield hmacHex(canonical != null ? canonical : value);
        }
      };
    }

    /** What is stored of a {@code user_id} value. */
    public String userId(String value) {
      return hashUserId ? hmacHex(value) : value;
    }

    /** The lowercase hex HMAC-SHA-256 of {@code value}'s UTF-8 bytes; null for null. */
    public String hmacHex(String value) {
      if (value == null) {
        return null;
      }
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
