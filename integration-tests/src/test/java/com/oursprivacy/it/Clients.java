package com.oursprivacy.it;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.oursprivacy.OursPrivacy;

/** Clients pointed at the test's WireMock on loopback. */
final class Clients {
  static final String API_KEY = "ours_sk_test_5f3c9a0d41b2";

  private Clients() {}

  static OursPrivacy platform(WireMockRuntimeInfo wm) {
    return OursPrivacy.builder().apiKey(API_KEY).baseUrl(wm.getHttpBaseUrl()).maxRetries(0).build();
  }
}
