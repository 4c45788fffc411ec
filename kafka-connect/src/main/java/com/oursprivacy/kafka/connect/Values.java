package com.oursprivacy.kafka.connect;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.jspecify.annotations.Nullable;

/**
 * Turns what converters hand a sink (Connect {@code Struct}s with schemas, maps and lists from
 * schemaless JSON, strings holding JSON) into plain Java values: string-keyed maps, lists, strings,
 * numbers, booleans, null, and {@link Instant} for Connect's timestamp and date types.
 */
final class Values {
  private static final com.google.gson.Gson GSON =
      new com.google.gson.GsonBuilder()
          .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
          .serializeNulls()
          .create();

  private Values() {}

  /**
   * The plain form of a Connect value. A string that holds a JSON object (StringConverter with JSON
   * text) is parsed; any other string stays a string.
   */
  static @Nullable Object plain(@Nullable Object v) {
    if (v instanceof String str) {
      String s = str.trim();
      if (s.startsWith("{") && s.endsWith("}")) {
        try {
          JsonElement e = JsonParser.parseString(s);
          return GSON.fromJson(e, Object.class);
        } catch (JsonParseException ignored) {
          return v; // not JSON after all: a plain string
        }
      }
      return v;
    }
    return convert(v, 0);
  }

  private static @Nullable Object convert(@Nullable Object v, int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("value nested deeper than 64 levels");
    }
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Number
        || v instanceof Character) {
      return v;
    }
    if (v instanceof Struct s) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      for (Field f : s.schema().fields()) {
        m.put(f.name(), convert(s.get(f), depth + 1));
      }
      return m;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        m.put(String.valueOf(e.getKey()), convert(e.getValue(), depth + 1));
      }
      return m;
    }
    if (v instanceof Collection<?> c) {
      List<@Nullable Object> l = new ArrayList<>();
      for (Object o : c) {
        l.add(convert(o, depth + 1));
      }
      return l;
    }
    if (v instanceof Date d) {
      return d.toInstant();
    }
    if (v instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (v instanceof ByteBuffer buf) {
      ByteBuffer b = buf.duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    return v.toString();
  }

  /**
   * A plain value as the SDK's event properties accept it: {@link Instant}s as ISO-8601 strings,
   * {@link BigDecimal} kept (a finite number).
   */
  static @Nullable Object forProperties(@Nullable Object v) {
    if (v instanceof Instant) {
      return v.toString();
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      map.forEach((k, x) -> m.put(String.valueOf(k), forProperties(x)));
      return m;
    }
    if (v instanceof List<?> list) {
      List<@Nullable Object> l = new ArrayList<>();
      list.forEach(x -> l.add(forProperties(x)));
      return l;
    }
    return v;
  }

  /** The kind of a value for messages: never the value itself (it may be personal data). */
  static String kind(@Nullable Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String s) {
      return "a string of " + s.length() + " characters";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a " + v.getClass().getSimpleName();
  }
}
