package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.oursprivacy.lowlevel.ingest.api.OursPrivacyApi;
import com.oursprivacy.lowlevel.ingest.model.TrackEventBody;
import com.oursprivacy.lowlevel.ingest.model.TrackEventResponse;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.models.DestinationListResponse;
import com.oursprivacy.models.DestinationStatus;
import com.oursprivacy.testing.LowLevel;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.gson.GsonConverterFactory;
import retrofit2.converter.scalars.ScalarsConverterFactory;

/** The bare generated stubs work with plain Retrofit: one platform and one ingest operation. */
@WireMockTest
class GeneratedClientSmokeTest {
  private static Retrofit retrofit(WireMockRuntimeInfo wm, String prefix) {
    return new Retrofit.Builder()
        .baseUrl(wm.getHttpBaseUrl() + prefix)
        .addConverterFactory(ScalarsConverterFactory.create())
        .addConverterFactory(GsonConverterFactory.create())
        .build();
  }

  @Test
  void platformListDestinationsSendsQueryAndParsesNamedModels(WireMockRuntimeInfo wm)
      throws IOException {
    wm.getWireMock()
        .register(
            get(urlPathEqualTo("/rest/v1/destinations"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"entities\":[{\"id\":\"d1\",\"type\":\"Mixpanel\",\"status\":\"Enabled\","
                                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"name\":null}],"
                                + "\"pagination\":{\"nextCursor\":\"c2\",\"hasMore\":true}}")));

    Response<DestinationListResponse> res =
        LowLevel.<DestinationListResponse>call(
                retrofit(wm, "/").create(DestinationsApi.class),
                "GET /rest/v1/destinations",
                "limit",
                10L,
                "cursor",
                "c1")
            .execute();

    assertThat(res.code()).isEqualTo(200);
    DestinationListResponse body = res.body();
    assertThat(body.getEntities()).hasSize(1);
    assertThat(body.getEntities().get(0).getId()).isEqualTo("d1");
    assertThat(body.getEntities().get(0).getStatus()).isEqualTo(DestinationStatus.ENABLED);
    assertThat(body.getPagination().getNextCursor()).isEqualTo("c2");
    assertThat(body.getPagination().getHasMore()).isTrue();
    wm.getWireMock()
        .verifyThat(
            getRequestedFor(urlPathEqualTo("/rest/v1/destinations"))
                .withQueryParam("limit", equalTo("10"))
                .withQueryParam("cursor", equalTo("c1")));
  }

  @Test
  void ingestTrackPostsTheEventWithTheTokenInTheBody(WireMockRuntimeInfo wm) throws IOException {
    wm.getWireMock()
        .register(
            post(urlPathEqualTo("/api/v1/track"))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":true}")));

    TrackEventBody params = new TrackEventBody().event("Purchase").token("tok_test").userId("u1");
    Response<TrackEventResponse> res =
        retrofit(wm, "/api/v1/").create(OursPrivacyApi.class).track(params).execute();

    assertThat(res.body().getSuccess()).isTrue();
    wm.getWireMock()
        .verifyThat(
            postRequestedFor(urlPathEqualTo("/api/v1/track"))
                .withRequestBody(
                    equalToJson(
                        "{\"event\":\"Purchase\",\"token\":\"tok_test\",\"userId\":\"u1\"}")));
  }
}
