package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.NotFoundException;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.models.ConsentSettingPageAnalysisResponseItem;
import com.oursprivacy.models.Destination;
import com.oursprivacy.pagination.AutoPager;
import com.oursprivacy.pagination.Page;
import com.oursprivacy.resources.ConsentSettingPageAnalysisParams;
import com.oursprivacy.resources.DestinationListParams;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SpecCheckedWireMockTest
class FacadePaginationTest {
  /** Opaque on purpose: characters that a client must not decode or re-encode differently. */
  private static final String CURSOR_2 = "eyJpZCI6ImQzIn0=/+x";

  private WireMock wm;
  private OursPrivacy ours;

  @BeforeEach
  void setUp(WireMockRuntimeInfo info) {
    wm = info.getWireMock();
    ours = Clients.platform(info);
  }

  @AfterEach
  void tearDown() {
    ours.close();
  }

  private static String destinations(String nextCursor, boolean hasMore, String... ids) {
    List<String> items = new ArrayList<>();
    for (String id : ids) {
      items.add(
          "{\"id\":\""
              + id
              + "\",\"type\":\"Mixpanel\",\"status\":\"Enabled\",\"createdAt\":\"2026-01-01\"}");
    }
    return "{\"entities\":["
        + String.join(",", items)
        + "],\"pagination\":{\"nextCursor\":"
        + (nextCursor == null ? "null" : "\"" + nextCursor + "\"")
        + ",\"hasMore\":"
        + hasMore
        + "}}";
  }

  private void firstPage(String body) {
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations"))
            .withQueryParam("cursor", absent())
            .willReturn(okJson(body)));
  }

  private void pageAt(String cursor, String body) {
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations"))
            .withQueryParam("cursor", equalTo(cursor))
            .willReturn(okJson(body)));
  }

  private List<LoggedRequest> listRequests() {
    return wm.find(getRequestedFor(urlPathEqualTo("/rest/v1/destinations")));
  }

  @Test
  void listFollowsCursorVerbatimUntilHasMoreIsFalse() {
    firstPage(destinations(CURSOR_2, true, "d1", "d2"));
    pageAt(CURSOR_2, destinations("c3", true, "d3"));
    pageAt("c3", destinations(null, false, "d4"));

    List<String> ids = new ArrayList<>();
    for (Destination d :
        ours.destinations().list(DestinationListParams.builder().limit(2L).build())) {
      ids.add(d.getId());
    }

    assertThat(ids).containsExactly("d1", "d2", "d3", "d4");
    List<LoggedRequest> requests = listRequests();
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.queryParameter("limit").firstValue()).isEqualTo("2"));
    assertThat(requests.get(1).queryParameter("cursor").firstValue()).isEqualTo(CURSOR_2);
    assertThat(requests.get(2).queryParameter("cursor").firstValue()).isEqualTo("c3");
  }

  @Test
  void iterationIsLazyBreakingAfterTheFirstItemFetchesOnePage() {
    firstPage(destinations("c2", true, "d1", "d2"));
    pageAt("c2", destinations(null, false, "d3"));

    AutoPager<Destination> pager = ours.destinations().list();
    assertThat(listRequests()).isEmpty();
    for (Destination d : pager) {
      assertThat(d.getId()).isEqualTo("d1");
      break;
    }
    assertThat(pager.stream().findFirst().map(Destination::getId)).contains("d1");
    assertThat(listRequests()).hasSize(2); // one page per iteration, never the second page
  }

  @Test
  void maxItemsStopsWithoutFetchingFurtherPages() {
    firstPage(destinations("c2", true, "d1", "d2"));
    pageAt("c2", destinations("c3", true, "d3", "d4"));
    pageAt("c3", destinations(null, false, "d5"));

    List<String> ids =
        ours.destinations().list().maxItems(3).stream()
            .map(Destination::getId)
            .collect(Collectors.toList());

    assertThat(ids).containsExactly("d1", "d2", "d3");
    assertThat(listRequests()).hasSize(2);
  }

  @Test
  void emptyFirstPageYieldsNothing() {
    firstPage(destinations(null, false));
    assertThat(ours.destinations().list().stream().count()).isZero();
    assertThat(listRequests()).hasSize(1);
  }

  @Test
  void anEmptyCursorEndsIterationEvenWhenHasMoreIsTrue() {
    firstPage(destinations("", true, "d1"));
    assertThat(ours.destinations().list().stream().count()).isEqualTo(1);
    assertThat(listRequests()).hasSize(1);
  }

  @Test
  void aRepeatedCursorFailsInsteadOfLoopingForever() {
    firstPage(destinations("same", true, "d1"));
    pageAt("same", destinations("same", true, "d2"));

    assertThatThrownBy(() -> ours.destinations().list().stream().count())
        .isInstanceOf(OursInvalidResponseException.class)
        .hasMessageContaining("same");
    assertThat(listRequests()).hasSize(2);
  }

  @Test
  void errorsInsideIterationSurfaceAsTypedExceptions() {
    firstPage(destinations("gone", true, "d1"));
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations"))
            .withQueryParam("cursor", equalTo("gone"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"Not Found\",\"details\":\"cursor expired\"}")));

    assertThatThrownBy(() -> ours.destinations().list().forEach(d -> {}))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("cursor expired");
  }

  @Test
  void firstPageExposesCursorAndTypedResponse() {
    firstPage(destinations("c2", true, "d1"));
    Page<Destination> page = ours.destinations().list().firstPage();
    assertThat(page.items()).extracting(Destination::getId).containsExactly("d1");
    assertThat(page.nextCursor()).contains("c2");
    assertThat(page.hasNextPage()).isTrue();
  }

  @Test
  void offsetPagesAdvanceByItemCountAndPassTheLimit() {
    String path = "/rest/v1/consent-settings/cs1/page-analysis";
    wm.register(
        get(urlPathEqualTo(path))
            .withQueryParam("offset", equalTo("0"))
            .willReturn(
                okJson(
                    "{\"items\":[{\"url\":\"/a\"},{\"url\":\"/b\"}],\"hasMore\":true,\"total\":3}")));
    wm.register(
        get(urlPathEqualTo(path))
            .withQueryParam("offset", equalTo("2"))
            .willReturn(okJson("{\"items\":[{\"url\":\"/c\"}],\"hasMore\":false,\"total\":3}")));

    List<ConsentSettingPageAnalysisResponseItem> items =
        ours
            .consentSettings()
            .pageAnalysis(
                "cs1",
                ConsentSettingPageAnalysisParams.builder()
                    .from("2026-04-01")
                    .to("2026-04-30")
                    .limit(2L)
                    .build())
            .stream()
            .collect(Collectors.toList());

    assertThat(items).hasSize(3);
    List<LoggedRequest> requests = wm.find(getRequestedFor(urlPathEqualTo(path)));
    assertThat(requests)
        .extracting(r -> r.queryParameter("offset").firstValue())
        .containsExactly("0", "2");
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.queryParameter("limit").firstValue()).isEqualTo("2"));
    assertThat(
            ours.consentSettings()
                .pageAnalysis(
                    "cs1",
                    ConsentSettingPageAnalysisParams.builder()
                        .from("2026-04-01")
                        .to("2026-04-30")
                        .build())
                .firstPage()
                .total())
        .hasValue(3);
  }

  @Test
  void unpagedListsReturnAPlainList() {
    wm.register(
        get(urlPathEqualTo("/rest/v1/allowed-events"))
            .willReturn(
                okJson(
                    "{\"entities\":[{\"id\":\"e1\",\"name\":\"Purchase\"},{\"id\":\"e2\",\"name\":\"Signup\"}]}")));
    assertThat(ours.allowedEvents().list()).hasSize(2);
  }
}
