package io.loglake.config;

/**
 * Where the key of the ETL's keyed hashes comes from ({@code --hash-key-env}, {@code
 * --hash-key-secret}). Read once per run (or stream), on the driver, before anything is written. An
 * implementation never puts the key in a message, an exception or {@code toString}.
 */
public interface HashKeySource {
  /** What the key is read from, for logs and messages: never the key. */
  String describe();

  /**
   * The key's bytes (the UTF-8 bytes of the variable's or secret's text, used as given).
   *
   * @throws io.loglake.LoglakeException "Cannot read the hash key …" when it is missing, empty or
   *     cannot be fetched
   */
  byte[] read();
}
