package com.oursprivacy.kafka.connect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 207 whose rows are accepted, refused ({@code invalid_event}) and deferred ({@code
 * queue_failed}): the refused row goes to the reporter with the server's reason, the deferred one
 * is resent alone with the same distinctId. WireMock plays the server here because the sandbox
 * refuses only rows the SDK's own validator already stops before sending.
 */
class RowResultsRoutingTest {
  WireMockServer server;
  OursSinkTask task;

  @BeforeEach
  void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterEach
  void stop() {
    if (task != null) {
      task.stop();
    }
    server.stop();
  }

  @Test
  void invalidRowsGoToTheReporterAndQueueFailedRowsAreResent() {
    server.stubFor(
        post(urlEqualTo("/api/v1/batch"))
            .inScenario("207")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(207)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"success\":false,\"accepted\":1,\"failed\":2,\"results\":["
                            + "{\"index\":0,\"success\":true},"
                            + "{\"index\":1,\"success\":false,\"code\":\"invalid_event\","
                            + "\"message\":\"event Purchase is not allowed for this source\"},"
                            + "{\"index\":2,\"success\":false,\"code\":\"queue_failed\","
                            + "\"message\":\"try again\"}]}"))
            .willSetStateTo("resent"));
    server.stubFor(
        post(urlEqualTo("/api/v1/batch"))
            .inScenario("207")
            .whenScenarioStateIs("resent")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"success\":true}")));
    Map<String, String> config = new HashMap<>();
    config.put(OursSinkConfig.TEST_TOKEN, "tok_test_routing");
    config.put(OursSinkConfig.BASE_URL, server.baseUrl() + "/api/v1");
    config.put(OursSinkConfig.EVENT_NAME, "Purchase");
    config.put(OursSinkConfig.USER_ID_FIELD, "user");
    FakeTime time = new FakeTime(Instant.now());
    task = new OursSinkTask(time, time);
    FakeContext ctx = new FakeContext(config, true);
    task.initialize(ctx);
    task.start(config);

    long ts = Instant.now().toEpochMilli();
    List<SinkRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(
          new SinkRecord(
              "purchases",
              0,
              null,
              null,
              null,
              Map.of("user", "u" + i),
              i,
              ts,
              TimestampType.CREATE_TIME));
    }
    task.put(records);

    assertThat(ctx.reports).hasSize(1);
    assertThat(ctx.reports.get(0).record().kafkaOffset()).isEqualTo(1);
    assertThat(ctx.reports.get(0).error())
        .hasMessageContaining("invalid_event")
        .hasMessageContaining("not allowed");
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo("/api/v1/batch")));
    assertThat(requests).hasSize(2);
    String resent = requests.get(1).getBodyAsString();
    assertThat(resent).contains("\"distinctId\":\"kafka:purchases:0:2\"");
    assertThat(resent).doesNotContain("kafka:purchases:0:0", "kafka:purchases:0:1");
    assertThat(time.sleeps()).hasSize(1); // one back-off before resending the deferred row
  }
}
