package io.loglake.config;

import java.util.Objects;

/**
 * What the ETL masks in the curated rows it writes ({@code --mask-ip}, {@code --hash-user-id}) and
 * where the hash key comes from. The quarantine and the raw zone keep the records as read: masking
 * protects the curated zone only.
 *
 * @param ipMask what is stored of {@code ip}
 * @param hashUserId whether {@code user_id} is stored as its keyed HMAC-SHA-256 (lowercase hex)
 * @param keySource where the key comes from; read only when a hash is asked for ({@link
 *     #needsKey()})
 */
public record PiiConfig(IpMask ipMask, boolean hashUserId, HashKeySource keySource) {
  /** {@code --mask-ip}'s default as written: the seed stores the address as logged. */
  public static final String DEFAULT_IP_MASK_TEXT = "none";

  public static final IpMask DEFAULT_IP_MASK = IpMask.parse(DEFAULT_IP_MASK_TEXT);

  /** The environment variable the key is read from unless told otherwise. */
  public static final String DEFAULT_HASH_KEY_ENV = "LOGLAKE_HASH_KEY";

  /** The shortest key accepted, in bytes: a shorter one can be guessed by brute force. */
  public static final int MIN_KEY_BYTES = 16;

  /** Nothing masked, no key (the default). */
  public static final PiiConfig NONE = new PiiConfig(DEFAULT_IP_MASK, false, null);

  public PiiConfig {
    Objects.requireNonNull(ipMask, "ipMask");
    if ((ipMask == IpMask.HASH || hashUserId) && keySource == null) {
      throw new IllegalArgumentException("hashing needs a key source");
    }
  }

  /** Whether anything is masked. */
  public boolean enabled() {
    return ipMask != IpMask.NONE || hashUserId;
  }

  /** Whether a hash is asked for, so the run reads the key. */
  public boolean needsKey() {
    return ipMask == IpMask.HASH || hashUserId;
  }
}
