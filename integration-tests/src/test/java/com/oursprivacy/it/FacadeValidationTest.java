package com.oursprivacy.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.resources.AudienceConversionReportUpdateParams;
import com.oursprivacy.resources.ConsentSettingAnalyticsParams;
import com.oursprivacy.resources.ConsentSettingPageAnalysisParams;
import com.oursprivacy.resources.ConsentSettingReplaceParams;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.resources.DestinationListParams;
import com.oursprivacy.resources.DestinationUpdateParams;
import com.oursprivacy.resources.VideoCreateParams;
import com.oursprivacy.resources.VideoUpdateTranscriptParams;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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

  @Test
  void aNullArgumentIsAValidationErrorNamingTheOperationsField(WireMockRuntimeInfo wm) {
    try (OursPrivacy ours = Clients.platform(wm)) {
      assertNull(() -> ours.destinations().get(null), "destinations.retrieve.id");
      assertNull(
          () -> ours.destinations().get("d1", (RequestOptions) null),
          "destinations.retrieve.options");
      assertNull(
          () -> ours.destinations().create((DestinationCreateParams) null),
          "destinations.create.params");
      assertNull(
          () -> ours.destinations().withRawResponse().update("d1", null, RequestOptions.none()),
          "destinations.update.params");
      assertNull(
          () -> ours.destinations().list((DestinationListParams) null), "destinations.list.params");
      assertNull(
          () -> DestinationListParams.builder().status((DestinationListParams.Status) null),
          "destinations.list.status");
      assertNull(
          () ->
              ConsentSettingAnalyticsParams.builder()
                  .granularity((ConsentSettingAnalyticsParams.Granularity) null),
          "consent_settings.analytics.granularity");
      assertNull(
          () -> ConsentSettingReplaceParams.builder().defaultValue(null),
          "consent_settings.replace.default");
      assertNull(
          () -> AudienceConversionReportUpdateParams.builder().filters(Arrays.asList(null, null)),
          "audience_conversion_reports.update.filters[0]");
      assertNull(() -> DestinationUpdateParams.from(null), "destinations.update.current");
      assertThatThrownBy(() -> DestinationUpdateParams.builder().hashingSalt(null))
          .isInstanceOf(OursValidationException.class)
          .hasMessageStartingWith("destinations.update.hashingSalt: must not be null")
          .hasMessageContaining("clearHashingSalt()");
    }
    assertThat(wm.getWireMock().find(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void aNullArgumentFailsTheFutureOfAnAsyncForm(WireMockRuntimeInfo wm) {
    try (OursPrivacy ours = Clients.platform(wm)) {
      assertFailed(ours.destinations().getAsync(null), "destinations.retrieve.id");
      assertFailed(
          ours.destinations().createAsync((DestinationCreateParams) null),
          "destinations.create.params");
      assertFailed(
          ours.destinations().withRawResponse().getAsync("d1", null),
          "destinations.retrieve.options");
      assertFailed(
          ours.destinations().listAsync((DestinationListParams) null).firstPage(),
          "destinations.list.params");
    }
    assertThat(wm.getWireMock().find(anyRequestedFor(anyUrl()))).isEmpty();
  }

  private static void assertNull(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOf(OursValidationException.class)
        .hasMessage(field + ": must not be null")
        .satisfies(e -> assertThat(((OursValidationException) e).field()).isEqualTo(field));
  }

  private static void assertFailed(CompletableFuture<?> future, String field) {
    assertThat(future).isCompletedExceptionally();
    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(OursValidationException.class)
        .hasMessage(field + ": must not be null");
  }
}
