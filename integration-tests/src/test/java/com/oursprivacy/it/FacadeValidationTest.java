package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.resources.ConsentSettingPageAnalysisParams;
import com.oursprivacy.resources.VideoCreateParams;
import com.oursprivacy.resources.VideoUpdateTranscriptParams;
import org.junit.jupiter.api.Test;

/** Input the API would reject is refused before anything is sent, naming the field and the rule. */
@SpecCheckedWireMockTest
class FacadeValidationTest {
  @Test
  void aMissingRequiredQueryParameterIsRejectedBeforeSending(WireMockRuntimeInfo wm) {
    assertThatThrownBy(() -> ConsentSettingPageAnalysisParams.builder().limit(10L).build())
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("consent_settings.pageAnalysis.from")
        .hasMessageContaining("required");
    assertThat(wm.getWireMock().find(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aMissingRequiredBodyFieldIsRejectedBeforeSending(WireMockRuntimeInfo wm) {
    try (OursPrivacy ours = Clients.platform(wm)) {
      assertThatThrownBy(() -> ours.videos().create(VideoCreateParams.builder().build()))
          .isInstanceOf(OursValidationException.class)
          .hasMessageContaining("videos.create.mimeType: is required");
      assertThatThrownBy(() -> VideoUpdateTranscriptParams.builder().content("WEBVTT").build())
          .isInstanceOf(OursValidationException.class)
          .hasMessageContaining("videos.updateTranscript.format");
    }
    assertThat(wm.getWireMock().find(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aBlankPathParameterIsRejectedBeforeSending(WireMockRuntimeInfo wm) {
    try (OursPrivacy ours = Clients.platform(wm)) {
      assertThatThrownBy(() -> ours.destinations().get(" "))
          .isInstanceOf(OursValidationException.class)
          .hasMessageContaining("destinations.retrieve.id: must not be blank");
    }
    assertThat(wm.getWireMock().find(anyRequestedFor(anyUrl()))).isEmpty();
  }
}
