package com.oursprivacy.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.sandbox.OursSandbox;
import com.oursprivacy.spring.test.AutoConfigureOursSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The example app over HTTP on the sandbox: a request tracks an event; Actuator shows the tracker's
 * health, the SDK's info and the metrics of the tracker and its requests (ours-privacy-micrometer),
 * and masks the API key and tokens in {@code /actuator/env} and {@code /actuator/configprops} even
 * with values shown.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,info,env,configprops,metrics",
      "management.endpoint.env.show-values=always",
      "management.endpoint.configprops.show-values=always",
      "management.info.env.enabled=true"
    })
@AutoConfigureOursSandbox
class ExampleActuatorTest {
  @Value("${local.server.port}")
  int port;

  @Autowired OursSandbox sandbox;
  @Autowired Tracker tracker;
  @Autowired Environment env;

  private final HttpClient http = HttpClient.newHttpClient();

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  @Test
  void aRequestTracksAndActuatorShowsHealthAndInfo() throws Exception {
    assertThat(get("/hello?user=u1")).isEqualTo("Hello, u1\n");
    assertThat(get("/actuator/health"))
        .contains("\"oursPrivacy\"")
        .contains("\"state\":\"running\"")
        .contains("\"mode\":\"TEST\"");
    assertThat(get("/actuator/info")).contains("\"ingestMode\":\"TEST\"");
  }

  @Test
  void theTrackersMetricsAreInActuator() throws Exception {
    assertThat(get("/hello?user=u2")).isEqualTo("Hello, u2\n");
    tracker.flush(Duration.ofSeconds(60));
    // The tracker's request went through the observed ingest client ...
    assertThat(get("/actuator/metrics/ours.client.requests?tag=ours.api:ingest&tag=status:200"))
        .contains("\"statistic\":\"COUNT\"")
        .doesNotContain("\"statistic\":\"COUNT\",\"value\":0.0}");
    // ... and its meters read its stats.
    assertThat(get("/actuator/metrics/ours.tracker.events?tag=outcome:sent"))
        .contains("\"statistic\":\"COUNT\"")
        .doesNotContain("\"statistic\":\"COUNT\",\"value\":0.0}");
    assertThat(get("/actuator/metrics/ours.tracker.pending")).contains("\"VALUE\"");
  }

  @Test
  void secretsAreMaskedInEnvAndConfigprops() throws Exception {
    String apiKey = env.getProperty("ours.privacy.api-key");
    String testToken = env.getProperty("ours.privacy.ingest.test-token");
    assertThat(apiKey).isEqualTo(sandbox.apiKey());
    assertThat(testToken).isNotBlank();
    String envBody = get("/actuator/env");
    String props = get("/actuator/configprops");
    for (String body : new String[] {envBody, props}) {
      assertThat(body).doesNotContain(apiKey).doesNotContain(testToken).contains("******");
    }
    // Values are shown in general (show-values=always): only the secrets are masked.
    assertThat(envBody).contains(sandbox.ingestBaseUrl());
    assertThat(props).contains(sandbox.ingestBaseUrl());
  }
}
