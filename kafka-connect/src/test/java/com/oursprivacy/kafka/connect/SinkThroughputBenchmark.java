package com.oursprivacy.kafka.connect;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.FlushReport;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.OverflowPolicy;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import com.oursprivacy.sandbox.OursSandbox;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.test.TestUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Records/s end to end through an embedded Connect cluster (one KRaft broker, one worker, in this
 * JVM) into the sandbox, with 1 and 2 tasks, beside the tracker's events/s and plain sequential
 * {@code OursIngest.batch} calls on the same sandbox. One run, not a paired series: a ratio to read
 * beside the tracker's, not a target. Never part of a test run:
 *
 * <pre>
 * ./mvnw -B verify -pl kafka-connect -am -Pkafka-bench -Dtest=SinkThroughputBenchmark \
 *   -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.records=20000]
 * </pre>
 *
 * Writes kafka-connect/target/kafka-connect-bench.md. The topic is filled before each connector
 * starts, so the connector's rate is its drain rate: consumer fetch, JSON conversion, mapping, the
 * HTTP round trips to the sandbox and the sandbox's own request checks all in one JVM on the same
 * cores.
 */
@Tag("kafka-bench")
class SinkThroughputBenchmark {
  static final int RECORDS = Integer.getInteger("bench.records", 20_000);
  static final int PARTITIONS = 2;
  static final long WAIT_MS = 600_000;

  @Test
  void throughput() throws Exception {
    List<String> rows = new ArrayList<>();
    try (OursSandbox sandbox = OursSandbox.start()) {
      EmbeddedConnectCluster connect =
          new EmbeddedConnectCluster.Builder()
              .name("ours-bench")
              .numWorkers(1)
              .numBrokers(1)
              .workerProps(new HashMap<>(Map.of("offset.flush.interval.ms", "5000")))
              .build();
      connect.start();
      try {
        connect.kafka().createTopic("bench", PARTITIONS);
        try (KafkaProducer<byte[], byte[]> p =
            connect.kafka().createProducer(Map.of("linger.ms", 20, "batch.size", 262_144))) {
          for (int i = 0; i < RECORDS; i++) {
            String v =
                "{\"event\":\"Purchase\",\"user\":{\"id\":\"u"
                    + (i % 5000)
                    + "\"},\"sku\":\"A"
                    + i
                    + "\",\"price\":19.99,\"n\":"
                    + i
                    + "}";
            p.send(
                new ProducerRecord<>(
                    "bench", i % PARTITIONS, null, v.getBytes(StandardCharsets.UTF_8)));
          }
          p.flush();
        }
        for (int tasks : new int[] {1, 2}) {
          rows.add(connector(connect, sandbox, tasks, 500));
        }
        // Bigger polls: 2,000 records per put(), sent as 4 requests, 2 in flight.
        rows.add(connector(connect, sandbox, 1, 2000));
      } finally {
        connect.stop();
      }
      rows.add(mappingOnly());
      rows.add(batchBaseline(sandbox));
      rows.add(
          tracker(
              sandbox,
              TrackerConfig.builder().overflow(OverflowPolicy.BLOCK).build(),
              "tracker, defaults (batch 100, 1 thread)"));
      rows.add(
          tracker(
              sandbox,
              TrackerConfig.builder()
                  .overflow(OverflowPolicy.BLOCK)
                  .batchSize(500)
                  .threads(2)
                  .build(),
              "tracker, batch 500, 2 threads"));
    }
    StringBuilder md = new StringBuilder();
    md.append("| sender | events/s | notes |\n|---|---:|---|\n");
    rows.forEach(r -> md.append(r).append('\n'));
    md.append("\n")
        .append(RECORDS)
        .append(" records, ")
        .append(PARTITIONS)
        .append(" partitions; JVM ")
        .append(System.getProperty("java.vm.version"))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores; load average at the end ")
        .append(
            String.format(
                Locale.ROOT,
                "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append('\n');
    Path out = Path.of("target", "kafka-connect-bench.md");
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println("[kafka-bench]\n" + md);
  }

  /** A fresh sandbox state: {source id, test token}. */
  static String[] newSource(OursSandbox sandbox) {
    sandbox.reset();
    String source = sandbox.createSource("bench");
    try (OursPrivacy ours = sandbox.newClient()) {
      return new String[] {source, ours.sources().tokens(source).getTestToken()};
    }
  }

  static String connector(EmbeddedConnectCluster connect, OursSandbox sandbox, int tasks, int poll)
      throws Exception {
    String[] s = newSource(sandbox);
    String name = "bench-" + tasks + "-" + poll;
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", OursSinkConnector.class.getName());
    c.put("tasks.max", Integer.toString(tasks));
    c.put("topics", "bench");
    c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    c.put("value.converter.schemas.enable", "false");
    c.put(OursSinkConfig.TEST_TOKEN, s[1]);
    c.put(OursSinkConfig.BASE_URL, sandbox.ingestBaseUrl());
    c.put(OursSinkConfig.EVENT_NAME_FIELD, "event");
    c.put(OursSinkConfig.USER_ID_FIELD, "user.id");
    c.put("consumer.override.max.poll.records", Integer.toString(poll));
    long t0 = System.nanoTime();
    connect.configureConnector(name, c);
    TestUtils.waitForCondition(() -> sandbox.ingest().events().size() > 0, WAIT_MS, "first event");
    long first = System.nanoTime();
    TestUtils.waitForCondition(
        () -> sandbox.ingest().events().size() >= RECORDS, WAIT_MS, "all events");
    long last = System.nanoTime();
    String putShare = putShare(name, tasks, (last - t0) / 1e6);
    connect.deleteConnector(name);
    double steady = RECORDS / ((last - first) / 1e9);
    double whole = RECORDS / ((last - t0) / 1e9);
    return String.format(
        Locale.ROOT,
        "| Connect sink, %d task%s, max.poll.records %d | %.0f | first event after %.1f s (task start, group join); %.0f/s"
            + " counting that; %s |",
        tasks,
        tasks == 1 ? "" : "s",
        poll,
        steady,
        (first - t0) / 1e9,
        whole,
        putShare);
  }

  /** From Connect's JMX metrics: how much of the wall time the tasks spent inside put(). */
  static String putShare(String connector, int tasks, double wallMs) {
    try {
      MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
      double putMs = 0;
      double puts = 0;
      for (int t = 0; t < tasks; t++) {
        ObjectName sink =
            new ObjectName(
                "kafka.connect:type=sink-task-metrics,connector=" + connector + ",task=" + t);
        ObjectName task =
            new ObjectName(
                "kafka.connect:type=connector-task-metrics,connector=" + connector + ",task=" + t);
        double avg = ((Number) jmx.getAttribute(sink, "put-batch-avg-time-ms")).doubleValue();
        double sent = ((Number) jmx.getAttribute(sink, "sink-record-send-total")).doubleValue();
        double size = ((Number) jmx.getAttribute(task, "batch-size-avg")).doubleValue();
        double n = size > 0 ? sent / size : 0;
        putMs += avg * n;
        puts += n;
      }
      return String.format(
          Locale.ROOT,
          "about %.0f puts, %.0f%% of the task-time inside put() (the HTTP round trips)",
          puts,
          100 * putMs / (wallMs * tasks));
    } catch (Exception | LinkageError e) {
      return "put() metrics unavailable (" + e.getClass().getSimpleName() + ")";
    }
  }

  /** The connector's own CPU per record: JSON value to Event, no HTTP. */
  static String mappingOnly() {
    RecordMapper mapper =
        new RecordMapper(
            new OursSinkConfig(
                Map.of(
                    OursSinkConfig.TEST_TOKEN, "t",
                    OursSinkConfig.EVENT_NAME_FIELD, "event",
                    OursSinkConfig.USER_ID_FIELD, "user.id")));
    List<org.apache.kafka.connect.sink.SinkRecord> records = new ArrayList<>();
    org.apache.kafka.connect.json.JsonConverter json =
        new org.apache.kafka.connect.json.JsonConverter();
    json.configure(Map.of("schemas.enable", "false"), false);
    for (int i = 0; i < RECORDS; i++) {
      String v =
          "{\"event\":\"Purchase\",\"user\":{\"id\":\"u"
              + (i % 5000)
              + "\"},\"sku\":\"A"
              + i
              + "\",\"price\":19.99,\"n\":"
              + i
              + "}";
      Object value = json.toConnectData("bench", v.getBytes(StandardCharsets.UTF_8)).value();
      records.add(
          new org.apache.kafka.connect.sink.SinkRecord(
              "bench",
              0,
              null,
              null,
              null,
              value,
              i,
              System.currentTimeMillis(),
              org.apache.kafka.common.record.TimestampType.CREATE_TIME));
    }
    double best = 0;
    for (int round = 0; round < 5; round++) { // the first rounds warm the JIT up
      long t0 = System.nanoTime();
      java.time.Instant now = java.time.Instant.now();
      for (org.apache.kafka.connect.sink.SinkRecord r : records) {
        try {
          mapper.map(r, now);
        } catch (RecordMapper.Unmappable e) {
          throw new AssertionError(e);
        }
      }
      best = Math.max(best, RECORDS / ((System.nanoTime() - t0) / 1e9));
    }
    return String.format(
        Locale.ROOT,
        "| mapping only (RecordMapper), one thread | %.0f | JSON-converted value to Event, best of 5"
            + " rounds: the connector's own CPU per record |",
        best);
  }

  static String batchBaseline(OursSandbox sandbox) {
    String[] s = newSource(sandbox);
    try (OursIngest ingest = sandbox.newIngest(s[0], Mode.TEST)) {
      List<Event> batch = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < RECORDS; i++) {
        batch.add(
            Event.named("Purchase")
                .userId("u" + (i % 5000))
                .property("sku", "A" + i)
                .property("price", 19.99));
        if (batch.size() == 500) {
          ingest.batch(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        ingest.batch(batch);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      return String.format(
          Locale.ROOT,
          "| OursIngest.batch, 500 per call, one thread | %.0f | %.1f ms per 500-event request: the"
              + " sandbox's floor |",
          RECORDS / secs,
          secs * 1000 / Math.ceil(RECORDS / 500.0));
    }
  }

  static String tracker(OursSandbox sandbox, TrackerConfig config, String label) {
    String[] s = newSource(sandbox);
    try (OursIngest ingest = sandbox.newIngest(s[0], Mode.TEST);
        Tracker tracker = ingest.tracker(config)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < RECORDS; i++) {
        tracker.track(
            Event.named("Purchase")
                .userId("u" + (i % 5000))
                .property("sku", "A" + i)
                .property("price", 19.99));
      }
      FlushReport r = tracker.flush(Duration.ofMinutes(5));
      double secs = (System.nanoTime() - t0) / 1e9;
      return String.format(
          Locale.ROOT,
          "| %s | %.0f | track() to flush(); flush completed %s, sandbox holds %d |",
          label,
          RECORDS / secs,
          r.completed(),
          sandbox.ingest().events().size());
    }
  }
}
