package com.oursprivacy;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.internal.UserAgent;
import com.oursprivacy.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Both clients identify themselves with the version the build wrote, not a hard-coded one. */
class UserAgentTest {
  @RegisterExtension static WireMockExtension wm = Loopback.wireMock();

  /** What the POM says, passed by surefire (wrapper/pom.xml). */
  private static final String POM_VERSION = System.getProperty("ours.test.projectVersion");

  private static String expected() {
    return "ours-privacy-java/"
        + POM_VERSION
        + " (Java "
        + System.getProperty("java.version")
        + "; "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ")";
  }

  @Test
  void sdkVersionIsThePomVersion() {
    assertThat(POM_VERSION).isNotBlank();
    assertThat(UserAgent.SDK_VERSION).isEqualTo(POM_VERSION);
  }

  @Test
  void platformClientSendsSdkJavaAndOsOnTheWire() {
    wm.stubFor(
        get(urlPathEqualTo("/rest/v1/destinations/dst_1"))
            .willReturn(okJson("{\"id\":\"dst_1\"}")));
    try (OursPrivacy ours = OursPrivacy.builder().apiKey("k").baseUrl(wm.baseUrl()).build()) {
      ours.destinations().get("dst_1");
    }
    wm.verify(
        getRequestedFor(urlPathEqualTo("/rest/v1/destinations/dst_1"))
            .withHeader("User-Agent", equalTo(expected())));
  }

  @Test
  void ingestClientSendsTheSameUserAgent() {
    wm.stubFor(post(urlPathEqualTo("/api/v1/track")).willReturn(okJson("{\"success\":true}")));
    try (OursIngest ingest =
        OursIngest.builder().token("t-1").baseUrl(wm.baseUrl() + "/api/v1").build()) {
      ingest.track(Event.named("Purchase").userId("u1"));
    }
    wm.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/track"))
            .withHeader("User-Agent", equalTo(expected())));
  }
}
