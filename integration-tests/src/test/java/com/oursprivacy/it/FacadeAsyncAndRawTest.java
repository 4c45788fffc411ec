package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.errors.NotFoundException;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.models.Destination;
import com.oursprivacy.pagination.Page;
import com.oursprivacy.resources.DestinationListParams;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Lists have async pagers, every operation a raw-response form, and delete answers a boolean. */
@SpecCheckedWireMockTest
class FacadeAsyncAndRawTest {
  private static String page(String id, String next) {
    return "{\"entities\":[{\"id\":\""
        + id
        + "\",\"name\":\"n\",\"type\":\"Mixpanel\",\"status\":\"Enabled\","
        + "\"createdAt\":\"2026-01-01\"}],\"pagination\":{\"nextCursor\":"
        + (next == null ? "null" : "\"" + next + "\"")
        + ",\"hasMore\":"
        + (next != null)
        + "}}";
  }

  private static void twoPages(WireMock wm) {
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations"))
            .atPriority(2)
            .willReturn(okJson(page("d1", "c2"))));
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations"))
            .atPriority(1)
            .withQueryParam("cursor", WireMock.equalTo("c2"))
            .willReturn(okJson(page("d2", null))));
  }

  @Test
  void listAsyncWalksEveryPageWithoutBlocking(WireMockRuntimeInfo info) {
    twoPages(info.getWireMock());
    try (OursPrivacy ours = Clients.platform(info)) {
      List<Destination> all =
          ours.destinations()
              .listAsync(DestinationListParams.builder().limit(1).build())
              .toList()
              .join();
      assertThat(all.stream().map(Destination::getId).collect(Collectors.toList()))
          .containsExactly("d1", "d2");
    }
    info.getWireMock().verifyThat(2, getRequestedFor(urlPathEqualTo("/rest/v1/destinations")));
  }

  @Test
  void asyncPagingRefusesARepeatedCursorLikeTheBlockingPager(WireMockRuntimeInfo info) {
    info.getWireMock()
        .register(
            get(urlPathEqualTo("/rest/v1/destinations")).willReturn(okJson(page("d1", "same"))));
    try (OursPrivacy ours = Clients.platform(info)) {
      assertThatThrownBy(() -> ours.destinations().listAsync().toList().join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(OursInvalidResponseException.class);
      assertThatThrownBy(() -> ours.destinations().list().stream().count())
          .isInstanceOf(OursInvalidResponseException.class);
    }
  }

  @Test
  void asyncFailuresAreTheSameTypedExceptions(WireMockRuntimeInfo info) {
    info.getWireMock()
        .register(
            get(urlPathEqualTo("/rest/v1/destinations/nope"))
                .willReturn(
                    okJson("{\"error\":\"Not Found\",\"details\":\"no such destination\"}")
                        .withStatus(404)));
    try (OursPrivacy ours = Clients.platform(info)) {
      assertThatThrownBy(() -> ours.destinations().getAsync("nope").join())
          .hasCauseInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> ours.destinations().withRawResponse().getAsync("nope").join())
          .hasCauseInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void rawResponsesCarryStatusHeadersRequestIdAndRateLimit(WireMockRuntimeInfo info) {
    info.getWireMock()
        .register(
            get(urlPathEqualTo("/rest/v1/destinations"))
                .willReturn(
                    okJson(page("d1", null))
                        .withHeader("X-Request-Id", "req_9")
                        .withHeader("X-RateLimit-Remaining", "41")));
    info.getWireMock()
        .register(
            delete(urlPathEqualTo("/rest/v1/destinations/d1"))
                .willReturn(okJson("true").withHeader("X-Request-Id", "req_10")));
    try (OursPrivacy ours = Clients.platform(info)) {
      RawResponse<Page<Destination>> first = ours.destinations().withRawResponse().list();
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.requestId()).contains("req_9");
      assertThat(first.rateLimit().orElseThrow().remaining()).isEqualTo(41L);
      assertThat(first.value().items()).extracting(Destination::getId).containsExactly("d1");

      RawResponse<Boolean> deleted = ours.destinations().withRawResponse().deleteAsync("d1").join();
      assertThat(deleted.value()).isTrue();
      assertThat(deleted.requestId()).contains("req_10");
      boolean plain = ours.destinations().delete("d1");
      assertThat(plain).isTrue();
    }
  }
}
