package com.oursprivacy.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.OursPrivacy;

/**
 * The test server and client most tests start from: WireMock on loopback, a client that never
 * sleeps.
 */
public final class Loopback {
  private Loopback() {}

  /** A WireMock server on a free port of 127.0.0.1, for {@code @RegisterExtension}. */
  public static WireMockExtension wireMock() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
        .build();
  }

  /**
   * A platform client builder for {@code baseUrl} with a test API key and a {@link
   * RecordingSleeper}, so retries never wait.
   */
  public static OursPrivacy.Builder client(String baseUrl) {
    return OursPrivacy.builder()
        .apiKey("k-123456")
        .baseUrl(baseUrl)
        .sleeper(new RecordingSleeper());
  }
}
