package com.oursprivacy.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.sandbox.OursSandbox;
import com.oursprivacy.sandbox.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in this JVM, no Docker: a KRaft broker and two Connect workers (Kafka's {@code
 * EmbeddedConnectCluster}, on loopback) run the connector against the sandbox. N JSON records are
 * produced, M of them bad (no identity, or not JSON at all); the connector is restarted and a
 * worker replaced mid-stream. The sandbox must end with exactly the N−M valid events (each
 * distinctId once, whatever Connect redelivered) and the dead-letter topic with the M others.
 *
 * <p>Every wait is on a condition, bounded generously (the CI box is a busy 2-core machine).
 */
@Tag("kafka-e2e")
class EmbeddedConnectEndToEndTest {
  static final String TOPIC = "events";
  static final String DLQ = "events-dlq";
  static final String CONNECTOR = "ours-sink";
  static final int N = 1200;
  static final int PARTITIONS = 4;
  static final long WAIT_MS = 180_000;

  OursSandbox sandbox;
  EmbeddedConnectCluster connect;

  @BeforeEach
  void start(@TempDir Path dir) throws Exception {
    sandbox = OursSandbox.start();
    String source = sandbox.createSource("kafka");
    String testToken;
    try (OursPrivacy ours = sandbox.newClient()) {
      testToken = ours.sources().tokens(source).getTestToken();
    }
    // The token reaches the task through a config provider, never through the REST API.
    Path secrets = dir.resolve("secrets.properties");
    Files.writeString(secrets, "testToken=" + testToken + "\n", StandardCharsets.UTF_8);
    Map<String, String> worker = new HashMap<>();
    worker.put("config.providers", "file");
    worker.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    worker.put("offset.flush.interval.ms", "1000");
    // A departed worker's tasks move after 1 s instead of the default 5 minutes.
    worker.put("scheduled.rebalance.max.delay.ms", "1000");
    connect =
        new EmbeddedConnectCluster.Builder()
            .name("ours-e2e")
            .numWorkers(2)
            .numBrokers(1)
            .workerProps(worker)
            .build();
    connect.start();
    connect.kafka().createTopic(TOPIC, PARTITIONS);
    connect.kafka().createTopic(DLQ, 1);
    secretsFile = secrets;
  }

  Path secretsFile;

  @AfterEach
  void stop() {
    if (connect != null) {
      connect.stop();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  Map<String, String> connectorConfig() {
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", OursSinkConnector.class.getName());
    c.put("tasks.max", "2");
    c.put("topics", TOPIC);
    c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    c.put("value.converter.schemas.enable", "false");
    c.put("errors.tolerance", "all");
    c.put("errors.deadletterqueue.topic.name", DLQ);
    c.put("errors.deadletterqueue.topic.replication.factor", "1");
    c.put("errors.deadletterqueue.context.headers.enable", "true");
    c.put(OursSinkConfig.TEST_TOKEN, "${file:" + secretsFile + ":testToken}");
    c.put(OursSinkConfig.BASE_URL, sandbox.ingestBaseUrl());
    c.put(OursSinkConfig.EVENT_NAME_FIELD, "event");
    c.put(OursSinkConfig.USER_ID_FIELD, "user");
    c.put(OursSinkConfig.BATCH_SIZE, "100");
    return c;
  }

  /** Record i: valid, or bad in one of two ways (M in all). */
  static String value(int i) {
    if (i % 97 == 13) {
      return "{not json " + i; // the converter fails: Connect itself sends it to the DLQ
    }
    if (i % 40 == 7) {
      return "{\"event\":\"Purchase\",\"sku\":\"A" + i + "\"}"; // no identity: the sink reports it
    }
    return "{\"event\":\"Purchase\",\"user\":\"u" + i + "\",\"n\":" + i + "}";
  }

  static boolean valid(int i) {
    return i % 97 != 13 && i % 40 != 7;
  }

  void produce(int from, int to) {
    for (int i = from; i < to; i++) {
      connect.kafka().produce(TOPIC, i % PARTITIONS, "k" + i, value(i));
    }
  }

  @Test
  void deliversEveryValidRecordOnceAndEveryBadOneToTheDeadLetterTopic() throws Exception {
    Set<String> expectedIds = new HashSet<>();
    Set<Integer> expectedBad = new HashSet<>();
    for (int i = 0; i < N; i++) {
      if (valid(i)) {
        expectedIds.add("n" + i);
      } else {
        expectedBad.add(i);
      }
    }
    int m = expectedBad.size();

    connect.configureConnector(CONNECTOR, connectorConfig());
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "connector did not start");
    // The REST API shows the provider reference, never the token.
    assertThat(connect.connectorInfo(CONNECTOR).config().get(OursSinkConfig.TEST_TOKEN))
        .startsWith("${file:");

    produce(0, N / 3);
    waitFor(() -> sandbox.ingest().events().size() >= N / 6, "first events");
    connect.restartConnectorAndTasks(CONNECTOR, false, true, false);
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "connector did not restart");

    produce(N / 3, 2 * N / 3);
    waitFor(() -> sandbox.ingest().events().size() >= N / 2, "events after the restart");
    connect.removeWorker(); // a worker leaves; its tasks move to the other one
    connect.addWorker();
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "tasks did not move");

    produce(2 * N / 3, N);
    waitFor(() -> sandbox.ingest().events().size() >= expectedIds.size(), "all valid events");
    waitFor(() -> deadLetters().size() >= m, "all dead letters");

    // A replay of committed records (offsets of partition 0 rewound, as an operator would) must
    // add no event: the redelivered records carry the same distinctIds.
    long validInPartition0 =
        expectedIds.stream()
            .filter(id -> Integer.parseInt(id.substring(1)) % PARTITIONS == 0)
            .count();
    connect.stopConnector(CONNECTOR);
    connect.assertions().assertConnectorIsStopped(CONNECTOR, "connector did not stop");
    connect.alterSinkConnectorOffset(CONNECTOR, new TopicPartition(TOPIC, 0), 0L);
    connect.resumeConnector(CONNECTOR);
    connect
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 2, "connector did not resume");
    waitFor(() -> sandbox.ingest().duplicates() >= validInPartition0, "the replay of partition 0");

    Set<String> sent =
        sandbox.ingest().events().stream()
            .map(e -> e.properties().get("n"))
            .map(n -> "n" + ((Number) n).intValue())
            .collect(Collectors.toSet());
    assertThat(sandbox.ingest().events()).hasSize(expectedIds.size());
    assertThat(sent).isEqualTo(expectedIds);
    assertThat(sandbox.ingest().events()).allMatch(RecordedEvent::test);
    assertThat(deadLetterOffsets()).isEqualTo(expectedBad);

    System.out.printf(
        "[kafka-e2e] N=%d valid=%d bad=%d; sandbox events=%d, duplicates absorbed=%d;"
            + " dead letters=%d (distinct %d)%n",
        N,
        expectedIds.size(),
        m,
        sandbox.ingest().events().size(),
        sandbox.ingest().duplicates(),
        deadLetters().size(),
        deadLetterOffsets().size());
  }

  java.util.List<ConsumerRecord<byte[], byte[]>> deadLetters() throws Exception {
    java.util.List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
    connect.kafka().consumeAll(30_000, DLQ).forEach(out::add);
    return out;
  }

  /** The produced index of every dead letter: from its value (the original bytes). */
  Set<Integer> deadLetterOffsets() throws Exception {
    Set<Integer> out = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : deadLetters()) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      out.add(Integer.parseInt(key.substring(1)));
    }
    return out;
  }

  void waitFor(java.util.concurrent.Callable<Boolean> condition, String what)
      throws InterruptedException {
    TestUtils.waitForCondition(condition::call, WAIT_MS, "timed out waiting for " + what);
  }
}
