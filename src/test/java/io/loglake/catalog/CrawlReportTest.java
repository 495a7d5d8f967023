package io.loglake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrawlReportTest {
  @Test
  void theSummarySaysOneHourFolderAndOneCallInTheSingular() {
    assertThat(
            new CrawlReport(
                    "logs_db.raw_logs", "hive", "file:/raw/", 1, 0, 1, 1, List.of(), List.of())
                .summary())
        .isEqualTo(
            "crawl of file:/raw/ into logs_db.raw_logs (hive): 1 hour folder, 0 already registered,"
                + " 1 added in 1 call, 0 failed");
    assertThat(new CrawlReport("t", "glue", "r", 2400, 0, 2400, 24, List.of(), List.of()).summary())
        .contains("2,400 hour folders", "2,400 added in 24 calls");
  }
}
