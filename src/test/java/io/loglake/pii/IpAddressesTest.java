package io.loglake.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressesTest {
  @Test
  void truncateKeepsTheIpv4Slash24() {
    assertThat(IpAddresses.truncate("203.0.113.77")).isEqualTo("203.0.113.0");
    assertThat(IpAddresses.truncate(" 10.0.0.1 ")).isEqualTo("10.0.0.0");
    assertThat(IpAddresses.truncate("255.255.255.255")).isEqualTo("255.255.255.0");
    assertThat(IpAddresses.truncate("010.001.002.003")).isEqualTo("10.1.2.0");
  }

  @Test
  void truncateKeepsTheIpv6Slash48() {
    assertThat(IpAddresses.truncate("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1::");
    assertThat(IpAddresses.truncate("2001:DB8:abcd:12::5")).isEqualTo("2001:db8:abcd::");
    assertThat(IpAddresses.truncate("2001:db8::1")).isEqualTo("2001:db8::");
    assertThat(IpAddresses.truncate("fe80::1%eth0")).isEqualTo("fe80::");
    assertThat(IpAddresses.truncate("::1")).isEqualTo("::");
    assertThat(IpAddresses.truncate("64:ff9b:1::10.0.0.1")).isEqualTo("64:ff9b:1::");
  }

  @Test
  void anIpv4MappedIpv6AddressIsTruncatedAsIpv4() {
    assertThat(IpAddresses.truncate("::ffff:203.0.113.77")).isEqualTo("203.0.113.0");
    assertThat(IpAddresses.truncate("::FFFF:cb00:714d")).isEqualTo("203.0.113.0");
  }

  @Test
  void whatIsNotAnAddressIsNullNeverTheValue() {
    for (String garbage :
        new String[] {
          "",
          " ",
          "unknown",
          "user@example.com",
          "host.example.com",
          "10.0.0.1:8080",
          "256.1.1.1",
          "1.2.3",
          "1.2.3.4.5",
          "1.2.3.-4",
          "1..2.3",
          "1:2:3:4:5:6:7:8:9",
          "1::2::3",
          "12345::",
          "2001:db8::g",
          "fe80::1%",
          ":",
          "[2001:db8::1]",
          "::ffff:999.0.0.1"
        }) {
      assertThat(IpAddresses.truncate(garbage)).as("'%s'", garbage).isNull();
      assertThat(IpAddresses.canonical(garbage)).as("'%s'", garbage).isNull();
    }
    assertThat(IpAddresses.truncate(null)).isNull();
    assertThat(IpAddresses.canonical(null)).isNull();
  }

  @Test
  void canonicalIsOneSpellingPerAddressAsRfc5952WritesIt() {
    assertThat(IpAddresses.canonical("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
    assertThat(IpAddresses.canonical("2001:db8:0::1")).isEqualTo("2001:db8::1");
    assertThat(IpAddresses.canonical("2001:0db8:0000:0001:0000:0000:0000:0001"))
        .isEqualTo("2001:db8:0:1::1");
    assertThat(IpAddresses.canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(IpAddresses.canonical("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(IpAddresses.canonical("0:0:0:0:0:0:0:0")).isEqualTo("::");
    assertThat(IpAddresses.canonical("1:0:0:0:0:0:0:0")).isEqualTo("1::");
    assertThat(IpAddresses.canonical("010.1.2.3")).isEqualTo("10.1.2.3");
  }
}
