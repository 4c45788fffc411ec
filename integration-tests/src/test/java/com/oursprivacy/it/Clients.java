package com.oursprivacy.it;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.oursprivacy.OursPrivacy;

/** Clients pointed at the test's WireMock on loopback. */
final class Clients {
  static final String API_KEY = "ours_sk_test_5f3c9a0d41b2";
  static final String INGEST_TOKEN = "ours_live_tok_8d21e7c4a9f0";
  static final String INGEST_TEST_TOKEN = "ours_test_tok_3b6f0e95c1d7";

  private Clients() {}

  static OursPrivacy platform(WireMockRuntimeInfo wm) {
    return OursPrivacy.builder().apiKey(API_KEY).baseUrl(wm.getHttpBaseUrl()).maxRetries(0).build();
  }

  /** The ingest API root on the test's WireMock (the path the spec validator expects). */
  static String ingestBaseUrl(WireMockRuntimeInfo wm) {
    return wm.getHttpBaseUrl() + SpecValidationExtension.INGEST_BASE_PATH;
  }
}
