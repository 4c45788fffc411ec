package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.google.gson.JsonParser;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationStatus;
import com.oursprivacy.models.DestinationType;
import com.oursprivacy.resources.DestinationUpdateParams;
import com.oursprivacy.resources.TagManagerUpdateParams;
import com.oursprivacy.resources.WebScannerRuleUpdateParams;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SpecCheckedWireMockTest
class FacadePatchTest {
  private static final String DESTINATION =
      "{\"id\":\"d1\",\"name\":\"Old\",\"type\":\"Mixpanel\",\"status\":\"Enabled\",\"createdAt\":\"2026-01-01\","
          + "\"hashingSalt\":\"s1\",\"settings\":{\"apiKey\":\"x\"}}";

  private WireMock wm;
  private OursPrivacy ours;

  @BeforeEach
  void setUp(WireMockRuntimeInfo info) {
    wm = info.getWireMock();
    ours = Clients.platform(info);
    wm.register(patch(urlPathEqualTo("/rest/v1/destinations/d1")).willReturn(okJson(DESTINATION)));
  }

  @AfterEach
  void tearDown() {
    ours.close();
  }

  private String sentBody() {
    return wm.find(patchRequestedFor(urlPathEqualTo("/rest/v1/destinations/d1")))
        .get(0)
        .getBodyAsString();
  }

  @Test
  void setSendsTheValueClearSendsNullAndUntouchedFieldsAreAbsent() {
    ours.destinations()
        .update(
            "d1", DestinationUpdateParams.builder().name("New name").clearHashingSalt().build());

    assertThat(JsonParser.parseString(sentBody()))
        .isEqualTo(JsonParser.parseString("{\"name\":\"New name\",\"hashingSalt\":null}"));
    assertThat(sentBody())
        .contains("\"hashingSalt\":null")
        .doesNotContain("status")
        .doesNotContain("settings");
  }

  @Test
  void settingsIsAPatchOnlyMapPutOneKeyClearAnotherLeaveTheRest() {
    ours.destinations()
        .update(
            "d1",
            DestinationUpdateParams.builder()
                .putSetting("pixelId", "px_1")
                .clearSetting("legacyKey")
                .build());

    wm.verifyThat(
        patchRequestedFor(urlPathEqualTo("/rest/v1/destinations/d1"))
            .withRequestBody(
                equalToJson("{\"settings\":{\"pixelId\":\"px_1\",\"legacyKey\":null}}")));
    assertThat(sentBody()).contains("\"legacyKey\":null");
  }

  @Test
  @KnownSpecViolation(
      value = "Instance value (\"Archived\") not found in enum",
      reason = "a status newer than the spec must still be sendable as a raw value")
  void enumFieldsAcceptKnownConstantsAndRawValues() {
    ours.destinations()
        .update("d1", DestinationUpdateParams.builder().status(DestinationStatus.DISABLED).build());
    ours.destinations().update("d1", DestinationUpdateParams.builder().status("Archived").build());

    List<String> bodies =
        wm.find(patchRequestedFor(urlPathEqualTo("/rest/v1/destinations/d1"))).stream()
            .map(r -> r.getBodyAsString())
            .collect(java.util.stream.Collectors.toList());
    assertThat(bodies).containsExactly("{\"status\":\"Disabled\"}", "{\"status\":\"Archived\"}");
  }

  @Test
  void clearingAFieldTheSpecDoesNotMarkNullableIsRejectedBeforeSending() {
    assertThatThrownBy(() -> TagManagerUpdateParams.builder().clearField("name"))
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("tag_managers.update.name");
    assertThatThrownBy(() -> WebScannerRuleUpdateParams.builder().clearField("priority"))
        .isInstanceOf(OursValidationException.class);
    assertThat(wm.find(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aRetrievedEntityBecomesAnUpdateThatSendsOnlyWhatChanged() {
    wm.register(get(urlPathEqualTo("/rest/v1/destinations/d1")).willReturn(okJson(DESTINATION)));
    Destination current = ours.destinations().get("d1");

    ours.destinations()
        .update("d1", DestinationUpdateParams.from(current).name("Old").hashingSalt("s2").build());

    assertThat(JsonParser.parseString(sentBody()))
        .isEqualTo(JsonParser.parseString("{\"hashingSalt\":\"s2\"}"));
  }

  @Test
  void unknownEnumValuesSurviveParsingAndAreKeptRaw() {
    wm.register(
        get(urlPathEqualTo("/rest/v1/destinations/d2"))
            .willReturn(
                okJson(
                    "{\"id\":\"d2\",\"type\":\"BrandNewDestination\",\"status\":\"Enabled\",\"createdAt\":\"2026-01-01\",\"futureField\":{\"a\":1}}")));

    Destination d = ours.destinations().get("d2");

    assertThat(d.getType().getValue()).isEqualTo("BrandNewDestination");
    assertThat(d.getType().isKnown()).isFalse();
    assertThat(d.getType().known()).isEqualTo(DestinationType.Known.UNKNOWN);
    assertThat(d.getStatus()).isEqualTo(DestinationStatus.ENABLED);
    assertThat(d.getStatus().known()).isEqualTo(DestinationStatus.Known.ENABLED);
    assertThat(DestinationType.of("Mixpanel")).isSameAs(DestinationType.MIXPANEL);
    assertThat(new com.google.gson.Gson().toJson(d)).contains("\"type\":\"BrandNewDestination\"");
  }

  @Test
  void untouchedUpdateSendsAnEmptyObject() {
    ours.destinations().update("d1", DestinationUpdateParams.builder().build());
    assertThat(sentBody()).isEqualTo("{}");
  }
}
