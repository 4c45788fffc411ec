package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
  @ParameterizedTest
  @CsvSource({
    "destinations, Destination",
    "tag_manager_tags, TagManagerTag",
    "conversion_journey_summaries, ConversionJourneySummary",
    "data_governance, DataGovernance",
    "consent_analytics, ConsentAnalytics",
    "categories, Category",
    "addresses, Address",
    "statuses, Status",
    "status, Status",
    "cookies, Cookie",
    "timeSeries, TimeSeries",
    "timeseries, Timeseries",
    "limitedToSourceIds, LimitedToSourceId",
    "AND, And",
    "settings, Setting",
    "metrics, Metrics",
    "boxes, Box",
    "videos, Video"
  })
  void singularPascalNames(String raw, String expected) {
    assertThat(Names.singularPascal(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "analyticsByRegion, AnalyticsByRegion",
    "end-rollout, EndRollout",
    "utmId, UtmId",
    "$browser, Browser"
  })
  void pascalNames(String raw, String expected) {
    assertThat(Names.pascal(raw)).isEqualTo(expected);
  }
}
