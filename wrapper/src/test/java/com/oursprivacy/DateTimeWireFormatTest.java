package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.resources.WebScannerCookiesParams;
import com.oursprivacy.resources.WebScannerFindingsParams;
import com.oursprivacy.resources.WebScannerSummaryParams;
import com.oursprivacy.testing.Loopback;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 12 item 9: date-times go on the wire as ISO-8601 with seconds, midnight included. */
class DateTimeWireFormatTest {
  private static final OffsetDateTime MIDNIGHT =
      OffsetDateTime.of(2026, 5, 15, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final OffsetDateTime MIDNIGHT_CET =
      OffsetDateTime.of(2026, 5, 15, 0, 0, 0, 0, ZoneOffset.ofHours(2));

  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  private OursPrivacy ours;

  @BeforeEach
  void setUp() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    ours = Loopback.client(wm.baseUrl()).build();
  }

  @AfterEach
  void tearDown() {
    ours.close();
  }

  @Test
  @SuppressWarnings("CheckReturnValue") // only the query strings sent are checked, not the replies
  void summaryFindingsAndCookiesSendMidnightWithSeconds() {
    // Only the query matters here: the bodies of the {} stub need not parse.
    catchThrowable(
        () ->
            ours.webScanners()
                .summary(
                    "ws_1", WebScannerSummaryParams.builder().date(MIDNIGHT.toInstant()).build()));
    catchThrowable(
        () ->
            ours.webScanners()
                .findings(
                    "ws_1",
                    WebScannerFindingsParams.builder().date(MIDNIGHT_CET.toInstant()).build())
                .firstPage());
    catchThrowable(
        () ->
            ours.webScanners()
                .cookies(
                    "ws_1", WebScannerCookiesParams.builder().date(MIDNIGHT.toInstant()).build())
                .firstPage());

    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/web-scanners/ws_1/summary"))
            .withQueryParam("date", equalTo("2026-05-15T00:00:00Z")));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/web-scanners/ws_1/findings"))
            .withQueryParam("date", equalTo("2026-05-14T22:00:00Z")));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/web-scanners/ws_1/cookies"))
            .withQueryParam("date", equalTo("2026-05-15T00:00:00Z")));
  }

  @Test
  void theOneGsonWritesAndReadsDateTimesWithSeconds() {
    String json = ours.core().gson().toJson(Map.of("at", MIDNIGHT));
    assertThat(json).isEqualTo("{\"at\":\"2026-05-15T00:00:00Z\"}");
    assertThat(ours.core().gson().fromJson("\"2026-05-15T00:00:00.5+02:00\"", OffsetDateTime.class))
        .isEqualTo(OffsetDateTime.of(2026, 5, 15, 0, 0, 0, 500_000_000, ZoneOffset.ofHours(2)));
  }
}
