package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The hand-written streamed rows are byte for byte the JSON of the tree form (Gson's {@code
 * JsonWriter}): every escape, every number type, nesting, and the empty and partial cases.
 */
class WireTest {
  private static String everyAsciiChar() {
    StringBuilder sb = new StringBuilder();
    for (char c = 0; c < 128; c++) {
      sb.append(c);
    }
    return sb.append("\u0080é中\u2028x\u2029\uD83D\uDE00").toString(); // 0x80: the first non-ASCII
  }

  private static void assertStreamedIsTree(Event e) throws Exception {
    String tree = Wire.row(e).toString();
    assertThat(Wire.rowJson(e)).isEqualTo(tree);
    Buffer out = new Buffer();
    new CoreTransport.BatchBody("t\"ok\n", List.of(e, e)).writeTo(out);
    assertThat(out.readByteArray())
        .isEqualTo(
            Wire.batch("t\"ok\n", List.of(e, e)).toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyEscapeIsGsons() throws Exception {
    String s = everyAsciiChar();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(s, s);
    assertStreamedIsTree(
        Event.named(s)
            .userId(s)
            .externalId(s)
            .email(s)
            .distinctId(s)
            .properties(m)
            .identityContext(IdentityContext.of(s, s)));
  }

  @Test
  void everyValueTypeAndNestingIsGsons() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("null", null);
    nested.put("empty map", Map.of());
    nested.put("empty list", List.of());
    nested.put("list", Arrays.asList(1, "two", null, List.of(3.5), Map.of("k", false)));
    nested.put("ints", new int[] {1, -2});
    nested.put("objects", new Object[] {"a", null, new long[] {7L}});
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("int", 1);
    p.put("long", Long.MIN_VALUE);
    p.put("short", (short) -3);
    p.put("byte", (byte) 4);
    p.put("double", 1.5);
    p.put("big double", 1e20);
    p.put("negative zero", -0.0);
    p.put("float", 1.1f);
    p.put("decimal", new BigDecimal("1.10"));
    p.put("bigint", new BigInteger("123456789012345678901234567890"));
    p.put("atomic", new AtomicLong(9));
    p.put("char", '"');
    p.put("true", true);
    p.put("false", false);
    p.put("nested", nested);
    assertStreamedIsTree(
        Event.named("E").userId("u").distinctId("d").at(java.time.Instant.now()).properties(p));
  }

  @Test
  void userAndDefaultPropertiesInEveryCombinationAreGsons() throws Exception {
    List<UserProperties> users = new ArrayList<>();
    users.add(UserProperties.builder().custom("plan", "pro").build());
    users.add(UserProperties.builder().firstName("Ada").build());
    users.add(UserProperties.builder().firstName("Ada").custom("plan", "pro").build());
    for (UserProperties u : users) {
      assertStreamedIsTree(
          Event.named("E")
              .email("e@x.y")
              .distinctId("d")
              .userProperties(u)
              .defaultProperties(DefaultProperties.builder().property("utm_source", "n").build()));
    }
    assertStreamedIsTree(Event.named("Bare").userId("u").distinctId("d"));
  }

  /** A Number Gson does not trust, with what its toString() says. */
  private static final class OddNumber extends Number {
    private static final long serialVersionUID = 1L;
    private final String text;

    OddNumber(String text) {
      this.text = text;
    }

    @Override
    public int intValue() {
      return 0;
    }

    @Override
    public long longValue() {
      return 0;
    }

    @Override
    public float floatValue() {
      return 0;
    }

    @Override
    public double doubleValue() {
      return 0;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  @Test
  void numbersGsonChecksAreCheckedAsBefore() throws Exception {
    assertStreamedIsTree(
        Event.named("E").userId("u").distinctId("d").property("n", new OddNumber("42")));
    for (Object bad : List.of(new OddNumber("12abc"), Double.NaN, Float.NEGATIVE_INFINITY)) {
      Event e = Event.named("E").userId("u").distinctId("d").property("n", bad);
      assertThatThrownBy(() -> Wire.rowJson(e))
          .as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
