package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursValidationException;
import com.oursprivacy.lowlevel.platform.api.DestinationsApi;
import com.oursprivacy.resources.DestinationUpdateParams;
import com.oursprivacy.resources.VideoUpdateTranscriptParams;
import com.oursprivacy.testing.Loopback;
import com.oursprivacy.testing.LowLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12 item 4: dot-segment path parameters are refused before sending, for every verb. */
class PathParameterTest {
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

  private void refused(String id, Executable call) {
    assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(
            OursValidationException.class, e -> assertThat(e.rule()).contains("'..'"));
    assertThat(wm.getAllServeEvents()).as("requests sent for id " + id).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "..",
        ".",
        "%2e%2e",
        "%2E%2e",
        "%2e",
        ".%2E",
        "%252e%252e",
        "../sources",
        "a/../..",
        "..%2Fx",
        "..;",
        "..;x=1",
        "..%3b",
        ".;",
        "..\\x",
        "x\\..",
        "..%5Cx"
      })
  void dotSegmentIdsAreRefusedForEveryVerb(String id) {
    refused(
        id,
        () -> ours.destinations().update(id, DestinationUpdateParams.builder().name("n").build()));
    refused(
        id,
        () ->
            ours.videos()
                .updateTranscript(
                    id,
                    VideoUpdateTranscriptParams.builder().format("vtt").content("WEBVTT").build()));
    refused(id, () -> ours.destinations().get(id));
    refused(id, () -> ours.destinations().delete(id));
    // async: nothing thrown at the call, the future fails with the same error, naming the field
    java.util.concurrent.CompletableFuture<?> async = ours.destinations().getAsync(id);
    assertThat(async)
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOf(OursValidationException.class)
        .withMessageContaining("destinations.retrieve.id");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"..", "%2e%2E"})
  void theRawRetrofitInterfaceNamesTheParameter(String id) {
    DestinationsApi api = ours.raw(DestinationsApi.class);
    assertThatThrownBy(
            () ->
                ours.core()
                    .execute(
                        LowLevel.call(api, "GET /rest/v1/destinations/{id}", "id", id),
                        RequestOptions.none()))
        .isInstanceOfSatisfying(
            OursValidationException.class,
            e -> assertThat(e.field()).isEqualTo("findDestinations.id"));
    assertThatThrownBy(
            () -> LowLevel.call(api, "DELETE /rest/v1/destinations/{id}", "id", id).execute())
        .isInstanceOf(OursValidationException.class);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aNullPathArgumentOfTheRawInterfaceIsAValidationExceptionNotRetrofitsIllegalArgument() {
    DestinationsApi api = ours.raw(DestinationsApi.class);
    assertThatThrownBy(
            () ->
                ours.core()
                    .execute(
                        LowLevel.call(api, "GET /rest/v1/destinations/{id}"),
                        RequestOptions.none()))
        .isInstanceOfSatisfying(
            OursValidationException.class,
            e -> assertThat(e.field()).isEqualTo("findDestinations.id"));
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"dst_1", "a.b", "...", "%2e%2e%2e", "v1.2"})
  void idsWithDotsThatAreNotDotSegmentsAreSent(String id) {
    ours.destinations().get(id);
    assertThat(wm.getAllServeEvents()).hasSize(1);
  }
}
