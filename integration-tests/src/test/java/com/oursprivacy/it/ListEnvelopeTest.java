package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.models.Destination;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spec returns lists as {@code {entities, pagination}}; the docs' overview shows {@code
 * {"data": [...]}}. Both, and the mixes in between, list the same items.
 */
@WireMockTest
class ListEnvelopeTest {
  private static final String D1 =
      "{\"id\":\"d1\",\"type\":\"Mixpanel\",\"status\":\"Enabled\",\"createdAt\":\"x\"}";
  private static final String D2 =
      "{\"id\":\"d2\",\"type\":\"Mixpanel\",\"status\":\"Enabled\",\"createdAt\":\"x\"}";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"entities\":[D1,D2],\"pagination\":{\"nextCursor\":null,\"hasMore\":false}}",
        "{\"data\":{\"entities\":[D1,D2],\"pagination\":{\"nextCursor\":null,\"hasMore\":false}}}",
        "{\"data\":[D1,D2]}",
        "{\"data\":[D1,D2],\"pagination\":{\"nextCursor\":null,\"hasMore\":false}}",
        "[D1,D2]"
      })
  void everyDocumentedListShapeYieldsTheItems(String shape, WireMockRuntimeInfo wm) {
    wm.getWireMock()
        .register(
            get(urlPathEqualTo("/rest/v1/destinations"))
                .willReturn(okJson(shape.replace("D1", D1).replace("D2", D2))));
    try (OursPrivacy ours = Clients.platform(wm)) {
      assertThat(
              ours.destinations().list().stream()
                  .map(Destination::getId)
                  .collect(Collectors.toList()))
          .containsExactly("d1", "d2");
    }
  }
}
