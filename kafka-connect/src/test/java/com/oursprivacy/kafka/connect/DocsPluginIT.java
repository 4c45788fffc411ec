package com.oursprivacy.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.sandbox.OursSandbox;
import com.oursprivacy.sandbox.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectStandalone;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin and the guide's configuration, as a user runs them: a standalone worker with
 * the guide's worker block (only the broker address, REST port and offsets file replaced, and
 * {@code plugin.path} pointed at the plugin directory this build assembled) starts the guide's
 * connector block as {@code connect-standalone.sh} would (only the secrets file path and the
 * sandbox's URL replaced); records arrive in the sandbox and a bad one in the dead-letter topic.
 *
 * <p>Run by failsafe after {@code package} (profile kafka-e2e, on unless {@code -DskipKafkaE2e}),
 * without this module's classes on the test classpath: the connector can only come from the plugin
 * directory's {@code lib/}.
 */
class DocsPluginIT {
  OursSandbox sandbox;
  EmbeddedConnectStandalone connect;

  @AfterEach
  void stop() {
    if (connect != null) {
      connect.stop();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void docsConfigurationRuns(@TempDir Path dir) throws Exception {
    sandbox = OursSandbox.start();
    String source = sandbox.createSource("docs");
    String testToken;
    try (OursPrivacy ours = sandbox.newClient()) {
      testToken = ours.sources().tokens(source).getTestToken();
    }
    Path secrets = dir.resolve("secrets.properties");
    Files.writeString(secrets, "testToken=" + testToken + "\n", StandardCharsets.UTF_8);
    // Only the plugin directory has the connector: its own class loader, its own dependencies.
    assertThatThrownBy(() -> Class.forName("com.oursprivacy.kafka.connect.OursSinkConnector"))
        .isInstanceOf(ClassNotFoundException.class);
    String pluginPath = System.getProperty("ours.plugin.path");
    assertThat(Path.of(pluginPath)).isDirectory();

    Map<String, String> worker = new HashMap<>(DocsConfig.block("worker"));
    worker.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
    worker.put("plugin.path", pluginPath);
    Map<String, String> connector = new HashMap<>(DocsConfig.block("connector"));
    connector.put(
        OursSinkConfig.TEST_TOKEN,
        connector
            .get(OursSinkConfig.TEST_TOKEN)
            .replace("/etc/ours/secrets.properties", secrets.toString()));
    connector.put(OursSinkConfig.BASE_URL, sandbox.ingestBaseUrl());

    connect =
        new EmbeddedConnectStandalone.Builder()
            .withCommandLineConnector(connector)
            .workerProps(worker)
            .numBrokers(1)
            .build();
    connect.start();
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(
            "ours-sink", 2, "the guide's connector did not start");

    // The worker's consumer finds the topic when it appears (it retries unknown topics).
    connect.kafka().createTopic("purchases", 1);
    for (int i = 0; i < 5; i++) {
      connect
          .kafka()
          .produce(
              "purchases",
              "{\"event\":\"Purchase\",\"user\":{\"id\":\"u"
                  + i
                  + "\"},\"sku\":\"A1\",\"price\":19.99}");
    }
    connect.kafka().produce("purchases", "{\"event\":\"Purchase\",\"sku\":\"A1\"}"); // no identity

    TestUtils.waitForCondition(
        () -> sandbox.ingest().events().size() == 5, 120_000, "the guide's records did not arrive");
    TestUtils.waitForCondition(
        () -> connect.kafka().consumeAll(10_000, "purchases-dlq").count() == 1,
        120_000,
        "the record without identity did not reach the dead-letter topic");
    RecordedEvent e = sandbox.ingest().events().get(0);
    assertThat(e.event()).isEqualTo("Purchase");
    assertThat(e.test()).isTrue();
    assertThat(e.properties()).containsOnlyKeys("sku", "price");
    assertThat(e.distinctId()).startsWith("kafka:purchases:0:");
  }
}
