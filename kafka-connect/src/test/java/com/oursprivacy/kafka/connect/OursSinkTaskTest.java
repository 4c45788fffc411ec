package com.oursprivacy.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.models.SourceTokensResponse;
import com.oursprivacy.sandbox.OursSandbox;
import com.oursprivacy.sandbox.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task against the sandbox: mapping, effectively-once replays, retries, the reporter. */
class OursSinkTaskTest {
  static OursSandbox sandbox;
  static String testToken;
  static String liveToken;

  FakeTime time;
  OursSinkTask task;

  @BeforeAll
  static void startSandbox() {
    sandbox = OursSandbox.start();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  /** A fresh sandbox state (reset() forgets sources too, so a new one and its tokens). */
  @BeforeEach
  void fresh() {
    sandbox.reset();
    String source = sandbox.createSource("kafka");
    try (OursPrivacy ours = sandbox.newClient()) {
      SourceTokensResponse t = ours.sources().tokens(source);
      testToken = t.getTestToken();
      liveToken = t.getToken();
    }
    time = new FakeTime(Instant.now());
  }

  @AfterEach
  void stopTask() {
    if (task != null) {
      task.stop();
    }
  }

  static Map<String, String> config(String... kv) {
    Map<String, String> c = new HashMap<>();
    c.put("name", "ours-test");
    c.put(OursSinkConfig.TEST_TOKEN, testToken);
    c.put(OursSinkConfig.BASE_URL, sandbox.ingestBaseUrl());
    c.put(OursSinkConfig.EVENT_NAME_FIELD, "event");
    c.put(OursSinkConfig.USER_ID_FIELD, "user.id");
    for (int i = 0; i < kv.length; i += 2) {
      c.put(kv[i], kv[i + 1]);
    }
    return c;
  }

  FakeContext start(Map<String, String> config, boolean reporter) {
    task = new OursSinkTask(time, time);
    FakeContext ctx = new FakeContext(config, reporter);
    task.initialize(ctx);
    task.start(config);
    return ctx;
  }

  static Map<String, Object> value(String event, String user, Object... props) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("event", event);
    if (user != null) {
      v.put("user", Map.of("id", user));
    }
    for (int i = 0; i < props.length; i += 2) {
      v.put((String) props[i], props[i + 1]);
    }
    return v;
  }

  static SinkRecord record(int partition, long offset, Object value, Instant ts) {
    return new SinkRecord(
        "purchases",
        partition,
        null,
        null,
        null,
        value,
        offset,
        ts.toEpochMilli(),
        TimestampType.CREATE_TIME);
  }

  static List<SinkRecord> records(int n) {
    List<SinkRecord> out = new ArrayList<>();
    Instant ts = Instant.now().minus(Duration.ofMinutes(5));
    for (int i = 0; i < n; i++) {
      out.add(record(i % 2, i, value("Purchase", "u" + i, "sku", "A" + i, "price", 10.5), ts));
    }
    return out;
  }

  @Test
  void mapsSchemalessJsonRecordsToTestEvents() {
    start(config(), true);
    Instant ts =
        Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    task.put(List.of(record(3, 42, value("Purchase", "u1", "sku", "A1", "price", 19.99), ts)));

    List<RecordedEvent> events = sandbox.ingest().events();
    assertThat(events).hasSize(1);
    RecordedEvent e = events.get(0);
    assertThat(e.test()).isTrue();
    assertThat(e.event()).isEqualTo("Purchase");
    assertThat(e.userId()).contains("u1");
    assertThat(e.distinctId()).isEqualTo("kafka:purchases:3:42");
    // the mapped fields (event, user.id) are not repeated; the emptied "user" object is dropped
    assertThat(e.properties()).containsOnlyKeys("sku", "price");
    assertThat(e.json()).contains("\"time\":" + ts.toEpochMilli());
  }

  @Test
  void mapsStructsWithATimestampFieldAndIncludeExclude() {
    Schema user = SchemaBuilder.struct().field("email", Schema.STRING_SCHEMA).build();
    Schema schema =
        SchemaBuilder.struct()
            .field("order", Schema.STRING_SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("user", user)
            .field("total", Schema.FLOAT64_SCHEMA)
            .field("internal", Schema.STRING_SCHEMA)
            .build();
    Instant at =
        Instant.now().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Struct v =
        new Struct(schema)
            .put("order", "o-981")
            .put("at", java.util.Date.from(at))
            .put("user", new Struct(user).put("email", "ada@example.com"))
            .put("total", 42.0)
            .put("internal", "x");
    start(
        config(
            OursSinkConfig.EVENT_NAME_FIELD, "",
            OursSinkConfig.EVENT_NAME, "Order Completed",
            OursSinkConfig.USER_ID_FIELD, "",
            OursSinkConfig.EMAIL_FIELD, "user.email",
            OursSinkConfig.DISTINCT_ID_FIELD, "order",
            OursSinkConfig.TIME_SOURCE, "field",
            OursSinkConfig.TIME_FIELD, "at",
            OursSinkConfig.PROPERTIES_EXCLUDE, "internal"),
        true);
    task.put(
        List.of(
            new SinkRecord(
                "orders",
                0,
                null,
                null,
                schema,
                v,
                7,
                Instant.now().toEpochMilli(),
                TimestampType.CREATE_TIME)));

    RecordedEvent e = sandbox.ingest().events().get(0);
    assertThat(e.event()).isEqualTo("Order Completed");
    assertThat(e.email()).contains("ada@example.com");
    assertThat(e.distinctId()).isEqualTo("o-981");
    assertThat(e.json()).contains("\"time\":" + at.toEpochMilli());
    assertThat(e.properties()).containsOnlyKeys("total");
  }

  @Test
  void aReplayOfTheSameRecordsAddsNoEventAndCountsDuplicates() {
    FakeContext ctx = start(config(), true);
    List<SinkRecord> batch = records(40);
    task.put(batch);
    task.put(batch); // Connect redelivers after a crash before the offset commit

    assertThat(sandbox.ingest().events()).hasSize(40);
    assertThat(sandbox.ingest().duplicates()).isEqualTo(40);
    assertThat(ctx.reports).isEmpty();
  }

  @Test
  void injected503sAreRetriedWithTheDocumentedBackoffThenSucceed() {
    FakeContext ctx = start(config(), true);
    sandbox.faults().failNext(2, 503);
    task.put(records(10));

    assertThat(sandbox.ingest().events()).hasSize(10);
    assertThat(ctx.timeouts).isEmpty();
    List<Duration> sleeps = time.sleeps();
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(7));
    assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(9));
  }

  @Test
  void failuresOutlastingTheBudgetHandTheBatchBackToConnect() {
    FakeContext ctx =
        start(
            config(
                OursSinkConfig.RETRY_TIMEOUT_MS, "20000",
                OursSinkConfig.REQUEST_TIMEOUT_MS, "5000",
                OursSinkConfig.RETRY_BACKOFF_MS, "7000"),
            true);
    sandbox.faults().failNext(1000, 503);
    List<SinkRecord> batch = records(5);

    assertThatThrownBy(() -> task.put(batch))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("same distinctIds");
    assertThat(ctx.timeouts).containsExactly(7000L);
    // every wait plus one more request stayed inside the 20 s budget
    Duration slept = time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(slept.plusSeconds(5)).isLessThanOrEqualTo(Duration.ofSeconds(20));

    sandbox.faults().reset();
    task.put(batch); // Connect's redelivery
    assertThat(sandbox.ingest().events()).hasSize(5);
  }

  @Test
  void unmappableRecordsGoToTheReporterWithTheReasonAndTheRestIsSent() {
    FakeContext ctx = start(config(), true);
    Instant ts = Instant.now();
    List<SinkRecord> batch =
        List.of(
            record(0, 0, value("Purchase", "u1"), ts),
            record(0, 1, value("Purchase", null), ts), // no identity
            record(0, 2, null, ts), // tombstone
            record(0, 3, Map.of("user", Map.of("id", "u3")), ts), // no event name
            record(
                0, 4, value("Purchase", "u4"), time.instant().minus(Duration.ofDays(9))), // too old
            record(0, 5, value("Purchase", "u5"), ts));
    task.put(batch);

    assertThat(sandbox.ingest().events())
        .extracting(RecordedEvent::distinctId)
        .containsExactlyInAnyOrder("kafka:purchases:0:0", "kafka:purchases:0:5");
    assertThat(ctx.reports)
        .extracting(r -> r.record().kafkaOffset())
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(ctx.reports.get(0).error()).hasMessageContaining("no identity");
    assertThat(ctx.reports.get(1).error()).hasMessageContaining("tombstone");
    assertThat(ctx.reports.get(2).error()).hasMessageContaining("no event name");
    assertThat(ctx.reports.get(3).error()).hasMessageContaining("9 days old");
    // reasons never carry the record's content
    ctx.reports.forEach(r -> assertThat(r.error().getMessage()).doesNotContain("u1", "u4"));
  }

  @Test
  void withoutAReporterToleranceNoneFailsTheTaskBeforeSendingAndAllSkips() {
    start(config(), false);
    List<SinkRecord> batch =
        List.of(
            record(0, 0, value("Purchase", "u1"), Instant.now()),
            record(0, 1, value("Purchase", null), Instant.now()));
    assertThatThrownBy(() -> task.put(batch))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("purchases-0@1")
        .hasMessageContaining("errors.tolerance=none");
    assertThat(sandbox.ingest().events()).isEmpty();
    task.stop();

    start(config("errors.tolerance", "all"), false);
    task.put(batch);
    assertThat(sandbox.ingest().events()).hasSize(1);
  }

  @Test
  void oldEventsAreClampedOrFailTheTaskAsConfigured() {
    start(config(OursSinkConfig.TIME_TOO_OLD, "clamp"), true);
    task.put(
        List.of(record(0, 0, value("Purchase", "u1"), time.instant().minus(Duration.ofDays(30)))));
    RecordedEvent e = sandbox.ingest().events().get(0);
    long sent = Long.parseLong(e.json().replaceAll(".*\"time\":(\\d+).*", "$1"));
    Instant expected = time.instant().minus(Duration.ofDays(7)).plus(Duration.ofMinutes(15));
    assertThat(sent).isEqualTo(expected.toEpochMilli());
    task.stop();

    start(config(OursSinkConfig.TIME_TOO_OLD, "fail"), true);
    assertThatThrownBy(
            () ->
                task.put(
                    List.of(
                        record(
                            0,
                            1,
                            value("Purchase", "u1"),
                            time.instant().minus(Duration.ofDays(30))))))
        .isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("30 days old");
  }

  @Test
  void aRefusedTokenFailsTheTaskWithoutShowingTheToken() {
    String wrong = "tok_wrong_" + "x".repeat(20);
    start(config(OursSinkConfig.TEST_TOKEN, wrong), true);
    assertThatThrownBy(() -> task.put(records(1)))
        .isInstanceOf(ConnectException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("401")
        .satisfies(t -> assertThat(t.toString()).doesNotContain(wrong));
  }

  @Test
  void requireTestModeRejectsALiveConfigurationAtStart() {
    Map<String, String> live =
        config(
            OursSinkConfig.MODE, "LIVE",
            OursSinkConfig.TOKEN, liveToken,
            OursSinkConfig.REQUIRE_TEST_MODE, "true");
    task = new OursSinkTask(time, time);
    task.initialize(new FakeContext(live, true));
    assertThatThrownBy(() -> task.start(live))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(OursSinkConfig.REQUIRE_TEST_MODE)
        .satisfies(t -> assertThat(t.getMessage()).doesNotContain(liveToken));
    task = null;
  }

  @Test
  void liveModeSendsDispatchedEvents() {
    start(config(OursSinkConfig.MODE, "LIVE", OursSinkConfig.TOKEN, liveToken), true);
    task.put(records(3));
    assertThat(sandbox.ingest().dispatched()).hasSize(3);
  }
}
