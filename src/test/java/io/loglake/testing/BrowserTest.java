package io.loglake.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link Browser#start} says when chromium or chromedriver is not installed. */
class BrowserTest {
  @RegisterExtension final SystemProperties properties = SystemProperties.of();

  @Test
  void aMissingDriverFailsNamingThePackagesToInstall() {
    properties.set(Browser.DRIVER_PROPERTY, "/nonexistent/chromedriver");

    assertThatThrownBy(Browser::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(Browser.MISSING)
        .hasMessageEndingWith("not found or not executable: /nonexistent/chromedriver");
  }

  @Test
  void aMissingChromiumFailsNamingThePackagesToInstall() {
    properties.set(Browser.CHROMIUM_PROPERTY, "/nonexistent/chromium");

    assertThatThrownBy(Browser::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "chromium and chromium-driver are needed: apt-get install chromium chromium-driver"
                + " (.ci/run installs them); not found or not executable: /nonexistent/chromium");
  }
}
