package io.loglake.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loglake.LoglakeException;
import io.loglake.config.HashKeySource;
import io.loglake.config.IpMask;
import io.loglake.config.PiiConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiMaskerTest {
  private static final String KEY = "test-key-0123456789abcdef";

  /**
   * {@code printf %s VALUE | openssl dgst -sha256 -hmac test-key-0123456789abcdef}, computed
   * outside this code.
   */
  private static final String ALICE_HMAC =
      "b8a4d082616b747dd5be846732f11a8a1c589a09e3fbbd6ac04bb12f5a8780c2";

  private static final String IPV6_HMAC =
      "6ff763d6e9af5cb00a4553d6f40c6ce214865cf8eb91f18410bfe9679266ad9d";

  private static HashKeySource fixed(String key) {
    return new EnvironmentHashKey("TEST_KEY", Map.of("TEST_KEY", key));
  }

  private static PiiMasker.Masking masking(IpMask ip, boolean userId, String key) {
    return PiiMasker.of(new PiiConfig(ip, userId, fixed(key))).open();
  }

  @Test
  void hmacMatchesRfc4231TestCase1() {
    // RFC 4231 4.2: key = 20 bytes of 0x0b, data = "Hi There".
    String key = "\u000b".repeat(20);
    assertThat(masking(IpMask.HASH, true, key).hmacHex("Hi There"))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  @Test
  void hmacMatchesOpensslForTheKeyAsText() {
    PiiMasker.Masking masking = masking(IpMask.HASH, true, KEY);
    assertThat(masking.userId("u-alice-1001")).isEqualTo(ALICE_HMAC);
    // The address is hashed in its canonical spelling, however it was written.
    assertThat(masking.ip("2001:db8::1")).isEqualTo(IPV6_HMAC);
    assertThat(masking.ip("2001:DB8:0:0::1")).isEqualTo(IPV6_HMAC);
    // What is not an address is hashed as it came, never kept.
    assertThat(masking.ip("u-alice-1001")).isEqualTo(ALICE_HMAC);
    assertThat(masking.ip(null)).isNull();
    assertThat(masking.userId(null)).isNull();
  }

  @Test
  void eachOptionMasksItsColumnOnly() {
    PiiMasker.Masking truncate = masking(IpMask.TRUNCATE, false, KEY);
    assertThat(truncate.ip("198.51.100.23")).isEqualTo("198.51.100.0");
    assertThat(truncate.ip("not-an-ip")).isNull();
    assertThat(truncate.userId("u-alice-1001")).isEqualTo("u-alice-1001");

    PiiMasker.Masking userOnly = masking(IpMask.NONE, true, KEY);
    assertThat(userOnly.ip("198.51.100.23")).isEqualTo("198.51.100.23");
    assertThat(userOnly.userId("u-alice-1001")).isEqualTo(ALICE_HMAC);

    assertThat(PiiMasker.of(PiiConfig.NONE)).isNull();
  }

  @Test
  void truncateAloneReadsNoKey() {
    HashKeySource failing =
        new HashKeySource() {
          @Override
          public String describe() {
            return "nothing";
          }

          @Override
          public byte[] read() {
            throw new AssertionError("read");
          }
        };
    assertThat(PiiMasker.of(new PiiConfig(IpMask.TRUNCATE, false, failing)).open().ip("1.2.3.4"))
        .isEqualTo("1.2.3.0");
  }

  @Test
  void aMissingEmptyOrShortKeyFailsNamingItsSourceNeverTheKey() {
    PiiConfig missing =
        new PiiConfig(IpMask.NONE, true, new EnvironmentHashKey("LOGLAKE_HASH_KEY", Map.of()));
    assertThatThrownBy(() -> PiiMasker.of(missing))
        .isInstanceOf(LoglakeException.class)
        .hasMessage("Cannot read the hash key: environment variable LOGLAKE_HASH_KEY is not set")
        .satisfies(e -> assertThat(((LoglakeException) e).hint()).contains("--hash-key-secret"));

    assertThatThrownBy(() -> PiiMasker.of(new PiiConfig(IpMask.HASH, false, fixed(""))))
        .isInstanceOf(LoglakeException.class)
        .hasMessage("Cannot read the hash key: environment variable TEST_KEY is empty");

    assertThatThrownBy(() -> PiiMasker.of(new PiiConfig(IpMask.HASH, false, fixed("short-key"))))
        .isInstanceOf(LoglakeException.class)
        .hasMessageContaining("Cannot use the hash key from environment variable TEST_KEY")
        .hasMessageContaining("9 bytes long, at least 16")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-key"))
        .satisfies(e -> assertThat(((LoglakeException) e).hint()).doesNotContain("short-key"));
  }

  @Test
  void toStringNeverShowsTheKey() {
    PiiMasker masker = PiiMasker.of(new PiiConfig(IpMask.HASH, true, fixed(KEY)));
    assertThat(masker.toString()).isEqualTo("PiiMasker[ip=hash, user_id=hmac]").doesNotContain(KEY);
    assertThat(fixed(KEY).toString()).doesNotContain(KEY);
    assertThat(new String(fixed(KEY).read(), StandardCharsets.UTF_8)).isEqualTo(KEY);
  }
}
