package com.oursprivacy.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.ingest.Event;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Field paths, value kinds and time sources, without HTTP. */
class RecordMapperTest {
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  static RecordMapper mapper(String... kv) {
    Map<String, String> c = new HashMap<>();
    c.put(OursSinkConfig.TEST_TOKEN, "t");
    for (int i = 0; i < kv.length; i += 2) {
      c.put(kv[i], kv[i + 1]);
    }
    return new RecordMapper(new OursSinkConfig(c));
  }

  static SinkRecord record(Object key, Object value) {
    ConnectHeaders h = new ConnectHeaders();
    h.addString("tenant", "acme");
    return new SinkRecord(
        "orders",
        1,
        null,
        key,
        null,
        value,
        9,
        NOW.minusSeconds(60).toEpochMilli(),
        TimestampType.CREATE_TIME,
        h);
  }

  @Test
  void pathsReadTheKeyHeadersAndCoordinates() throws Exception {
    RecordMapper m =
        mapper(
            OursSinkConfig.EVENT_NAME_FIELD, "$topic",
            OursSinkConfig.EXTERNAL_ID_FIELD, "$key.customer",
            OursSinkConfig.USER_ID_FIELD, "$header.tenant",
            OursSinkConfig.TIME_SOURCE, "none");
    Event e = m.map(record(Map.of("customer", 1234L), Map.of("total", 3)), NOW).event;
    assertThat(e.name()).isEqualTo("orders");
    assertThat(e.externalId()).contains("1234");
    assertThat(e.userId()).contains("acme");
    assertThat(e.time()).isEmpty();
    assertThat(e.properties()).containsOnlyKeys("total");
  }

  @Test
  void jsonTextValuesAreParsedAndWholeDoublesBecomeIntegralIds() throws Exception {
    RecordMapper m =
        mapper(OursSinkConfig.EVENT_NAME, "Signup", OursSinkConfig.USER_ID_FIELD, "id");
    Event e = m.map(record(null, "{\"id\": 42.0, \"plan\": \"pro\"}"), NOW).event;
    assertThat(e.userId()).contains("42");
    assertThat(e.properties()).containsEntry("plan", "pro");
  }

  @Test
  void structValuesKeepTheirTypesForProperties() throws Exception {
    Schema money = Decimal.schema(2);
    Schema s =
        SchemaBuilder.struct()
            .field("user", Schema.STRING_SCHEMA)
            .field("amount", money)
            .field("blob", Schema.BYTES_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .build();
    Struct v =
        new Struct(s)
            .put("user", "u1")
            .put("amount", new BigDecimal("12.50"))
            .put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}))
            .put("tags", List.of("a", "b"));
    RecordMapper m =
        mapper(OursSinkConfig.EVENT_NAME, "Paid", OursSinkConfig.USER_ID_FIELD, "user");
    Event e = m.map(new SinkRecord("t", 0, null, null, s, v, 0), NOW).event;
    assertThat(e.properties())
        .containsEntry("amount", new BigDecimal("12.50"))
        .containsEntry("blob", "AQID")
        .containsEntry("tags", List.of("a", "b"))
        .doesNotContainKey("user");
  }

  @Test
  void timeFieldsAcceptEpochMillisSecondsAndIsoAndFallBackToTheRecordTimestamp() throws Exception {
    RecordMapper m =
        mapper(
            OursSinkConfig.EVENT_NAME, "E",
            OursSinkConfig.USER_ID_FIELD, "u",
            OursSinkConfig.TIME_SOURCE, "field",
            OursSinkConfig.TIME_FIELD, "at");
    Instant t = NOW.minus(Duration.ofHours(3));
    assertThat(m.map(record(null, Map.of("u", "x", "at", t.toEpochMilli())), NOW).event.time())
        .contains(t);
    assertThat(m.map(record(null, Map.of("u", "x", "at", t.getEpochSecond())), NOW).event.time())
        .contains(t);
    assertThat(m.map(record(null, Map.of("u", "x", "at", t.toString())), NOW).event.time())
        .contains(t);
    assertThat(m.map(record(null, Map.of("u", "x")), NOW).event.time())
        .contains(NOW.minusSeconds(60));
    assertThatThrownBy(() -> m.map(record(null, Map.of("u", "x", "at", "yesterday")), NOW))
        .isInstanceOf(RecordMapper.Unmappable.class)
        .hasMessageContaining("neither epoch milliseconds nor an ISO-8601 instant");
    assertThatThrownBy(
            () ->
                m.map(
                    record(null, Map.of("u", "x", "at", NOW.plusSeconds(600).toEpochMilli())), NOW))
        .isInstanceOf(RecordMapper.Unmappable.class)
        .hasMessageContaining("in the future");
  }

  @Test
  void identitiesMustBeScalarsAndTheMessageNeverShowsTheValue() {
    RecordMapper m = mapper(OursSinkConfig.EVENT_NAME, "E", OursSinkConfig.EMAIL_FIELD, "email");
    assertThatThrownBy(
            () -> m.map(record(null, Map.of("email", Map.of("x", "ada@example.com"))), NOW))
        .isInstanceOf(RecordMapper.Unmappable.class)
        .hasMessageContaining("email at 'email' is an object")
        .hasMessageNotContaining("ada@example.com");
  }

  @Test
  void derivedDistinctIdsUseTheRecordAsConsumedBeforeTransforms() throws Exception {
    RecordMapper m =
        mapper(
            OursSinkConfig.EVENT_NAME, "E",
            OursSinkConfig.USER_ID_FIELD, "u",
            OursSinkConfig.DISTINCT_ID_PREFIX, "replay-2026");
    SinkRecord original = record(null, Map.of("u", "x"));
    // an SMT such as RegexRouter renames the topic; the consumed coordinates stay the same
    SinkRecord routed =
        original.newRecord("renamed", 5, null, null, null, original.value(), original.timestamp());
    assertThat(m.map(routed, NOW).event.distinctId()).isEqualTo("replay-2026:orders:1:9");
  }

  @Test
  void includeKeepsOnlyTheNamedPropertiesFromANestedObject() throws Exception {
    RecordMapper m =
        mapper(
            OursSinkConfig.EVENT_NAME, "E",
            OursSinkConfig.USER_ID_FIELD, "ctx.user",
            OursSinkConfig.PROPERTIES_FIELD, "ctx",
            OursSinkConfig.PROPERTIES_INCLUDE, "a,user");
    Event e = m.map(record(null, Map.of("ctx", Map.of("user", "u1", "a", 1, "b", 2))), NOW).event;
    // the mapped ctx.user is left out even though include names it
    assertThat(e.properties()).containsOnlyKeys("a");
  }
}
