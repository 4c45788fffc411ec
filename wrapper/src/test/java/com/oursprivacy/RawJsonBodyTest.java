package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationUpdateBody;
import com.oursprivacy.testing.LowLevel;
import com.oursprivacy.testing.RecordingSleeper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14: request bodies through the generated interfaces, both the model overload and the {@code
 * JsonElement} overload the facade sends through, go out as written with the converter's media type
 * (the generator's {@code Content-Type: application/json} header is dropped).
 */
class RawJsonBodyTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private OursPrivacy ours;

  @BeforeEach
  void setUp() {
    wm.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":\"dst_1\",\"name\":\"n\"}")));
    ours =
        OursPrivacy.builder()
            .apiKey("k-123456")
            .baseUrl(wm.baseUrl())
            .sleeper(new RecordingSleeper())
            .build();
  }

  @AfterEach
  void tearDown() {
    ours.close();
  }

  private static LoggedRequest only() {
    assertThat(wm.getAllServeEvents()).hasSize(1);
    return wm.getAllServeEvents().get(0).getRequest();
  }

  @Test
  void jsonOverloadSendsTheTreeAsGivenWithItsNulls() throws Exception {
    JsonObject body = new JsonObject();
    body.addProperty("name", "Ünïcode <&> \uD83D\uDE00");
    body.add("hashingSalt", JsonNull.INSTANCE);

    Destination d =
        LowLevel.<Destination>call(
                ours.raw(DestinationsApi.class),
                "PATCH /rest/v1/destinations/{id}",
                "id",
                "dst_1",
                "body",
                body)
            .execute()
            .body();

    assertThat(d.getId()).isEqualTo("dst_1");
    LoggedRequest r = only();
    assertThat(r.getMethod().getName()).isEqualTo("PATCH");
    assertThat(new String(r.getBody(), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"Ünïcode <&> \uD83D\uDE00\",\"hashingSalt\":null}");
    assertThat(r.getHeader("Content-Type"))
        .isEqualToIgnoringCase("application/json; charset=utf-8");
  }

  @Test
  void modelOverloadLeavesUnsetFieldsOutAndUsesTheSameMediaType() throws Exception {
    LowLevel.<Destination>call(
            ours.raw(DestinationsApi.class),
            "PATCH /rest/v1/destinations/{id}",
            "id",
            "dst_1",
            "body",
            new DestinationUpdateBody().name("<b>"))
        .execute();

    LoggedRequest r = only();
    assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"<b>\"}");
    assertThat(r.getHeader("Content-Type"))
        .isEqualToIgnoringCase("application/json; charset=utf-8");
  }
}
