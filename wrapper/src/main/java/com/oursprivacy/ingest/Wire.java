package com.oursprivacy.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Array;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns validated events into the API's JSON bodies. Built by hand (not through reflection) so
 * property values keep exactly the shape the caller gave and the token is placed in one spot. The
 * one home of the event row's format: written here for the wire and for the spool ({@link
 * #rowUtf8}), read back here for the spool's recovery ({@link #readRow}).
 */
final class Wire {
  private Wire() {}

  static JsonObject track(String token, Event e) {
    JsonObject o = row(e);
    o.addProperty("token", token);
    return o;
  }

  static JsonObject batch(String token, List<Event> events) {
    JsonObject o = new JsonObject();
    o.addProperty("token", token);
    JsonArray rows = new JsonArray(events.size());
    for (Event e : events) {
      rows.add(row(e));
    }
    o.add("events", rows);
    return o;
  }

  static JsonObject identify(String token, Identify i) {
    JsonObject o = new JsonObject();
    o.addProperty("token", token);
    o.addProperty("userId", i.userId());
    o.add("userProperties", userProperties(i.userProperties()));
    if (!i.defaultProperties().isEmpty()) {
      o.add("defaultProperties", map(i.defaultProperties().asMap()));
    }
    return o;
  }

  /** A /track-shaped row without token; the event must carry its distinctId already. */
  static JsonObject row(Event e) {
    JsonObject o = new JsonObject();
    o.addProperty("event", e.name());
    o.addProperty("distinctId", e.distinctId());
    e.time().ifPresent(t -> o.addProperty("time", t.toEpochMilli()));
    e.userId().ifPresent(v -> o.addProperty("userId", v));
    e.externalId().ifPresent(v -> o.addProperty("externalId", v));
    e.email().ifPresent(v -> o.addProperty("email", v));
    if (!e.properties().isEmpty()) {
      o.add("eventProperties", map(e.properties()));
    }
    if (!e.userProperties().isEmpty()) {
      o.add("userProperties", userProperties(e.userProperties()));
    }
    if (!e.defaultProperties().isEmpty()) {
      o.add("defaultProperties", map(e.defaultProperties().asMap()));
    }
    e.identityContext()
        .ifPresent(
            c -> {
              JsonObject ic = new JsonObject();
              ic.addProperty("ip", c.ip());
              ic.addProperty("userAgent", c.userAgent());
              o.add("identityContext", ic);
            });
    return o;
  }

  private static JsonObject userProperties(UserProperties p) {
    JsonObject o = map(p.known());
    if (!p.custom().isEmpty()) {
      o.add("custom_properties", map(p.custom()));
    }
    return o;
  }

  private static JsonObject map(Map<?, ?> m) {
    JsonObject o = new JsonObject();
    m.forEach((k, v) -> o.add((String) k, value(v)));
    return o;
  }

  /**
   * Row results with every copy of {@code token} in their server-written messages masked: a server
   * may echo the token ("token … not allowed"), and messages reach reports, listeners and logs.
   */
  static List<com.oursprivacy.lowlevel.ingest.model.BatchResult> withoutToken(
      List<com.oursprivacy.lowlevel.ingest.model.BatchResult> results, String token) {
    if (results == null || token == null || token.isEmpty()) {
      return results;
    }
    for (com.oursprivacy.lowlevel.ingest.model.BatchResult r : results) {
      if (r != null && r.getMessage() != null && r.getMessage().contains(token)) {
        r.setMessage(r.getMessage().replace(token, "[redacted]"));
      }
    }
    return results;
  }

  // ---- streamed form: rows written straight to a Writer, no tree and no JsonWriter per row ----

  /**
   * Gson's escapes for chars below 128 (its {@code JsonWriter} without HTML-safe mode, which the
   * tree form's {@code toString()} and the API client use): quote, backslash, the short control
   * escapes, a backslash-u escape with four lowercase hex digits for the other control chars; null
   * where a char stands for itself.
   */
  private static final String[] ESCAPES = new String[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = String.format(java.util.Locale.ROOT, "\\u%04x", c);
    }
    ESCAPES['"'] = "\\\"";
    ESCAPES['\\'] = "\\\\";
    ESCAPES['\t'] = "\\t";
    ESCAPES['\b'] = "\\b";
    ESCAPES['\n'] = "\\n";
    ESCAPES['\r'] = "\\r";
    ESCAPES['\f'] = "\\f";
  }

  /**
   * Writes {@code {"token": …, "events": [rows]}} to {@code out}: the same JSON as {@link #batch},
   * without building a tree. A row recovered from the spool is written verbatim.
   *
   * <p>Hand-written rather than through Gson's {@code JsonWriter}, whose per-name and per-value
   * bookkeeping (and three writes per string) was the largest part of the sending thread's CPU in a
   * JFR profile of a tracker run; the output is byte for byte {@code JsonWriter}'s (tests compare
   * it with the tree form), and numbers other than the JDK's plain ones still go through it.
   */
  static void batch(Writer out, String token, List<Event> events) throws IOException {
    out.write("{\"token\":");
    string(out, token);
    out.write(",\"events\":[");
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      row(out, events.get(i));
    }
    out.write("]}");
  }

  /**
   * One row as JSON text: what the spool stores and {@link #batch(Writer, String, List)} sends
   * ({@link #rowUtf8} decoded).
   */
  static String rowJson(Event e) {
    return new String(rowUtf8(e), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * One row as UTF-8 JSON, encoded as it is written (no String, no second copy): the spool writes
   * one per {@code track} on the caller's thread.
   */
  static byte[] rowUtf8(Event e) {
    okio.Buffer out = new okio.Buffer();
    try {
      Writer w = new com.oursprivacy.internal.Utf8Writer(out);
      row(w, e);
      w.flush();
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return out.readByteArray();
  }

  static void row(Writer out, Event e) throws IOException {
    if (e.spooledRow() != null) {
      out.write(e.spooledRow());
      return;
    }
    out.write("{\"event\":");
    string(out, e.name());
    out.write(",\"distinctId\":");
    string(out, e.distinctId());
    if (e.timeOrNull() != null) {
      out.write(",\"time\":");
      out.write(Long.toString(e.timeOrNull().toEpochMilli()));
    }
    optional(out, ",\"userId\":", e.userIdOrNull());
    optional(out, ",\"externalId\":", e.externalIdOrNull());
    optional(out, ",\"email\":", e.emailOrNull());
    if (!e.properties().isEmpty()) {
      out.write(",\"eventProperties\":");
      map(out, e.properties());
    }
    if (!e.userProperties().isEmpty()) {
      out.write(",\"userProperties\":");
      map(out, e.userProperties().known(), e.userProperties().custom());
    }
    if (!e.defaultProperties().isEmpty()) {
      out.write(",\"defaultProperties\":");
      map(out, e.defaultProperties().asMap());
    }
    if (e.identityContext().isPresent()) {
      IdentityContext c = e.identityContext().get();
      out.write(",\"identityContext\":{\"ip\":");
      string(out, c.ip());
      out.write(",\"userAgent\":");
      string(out, c.userAgent());
      out.write('}');
    }
    out.write('}');
  }

  private static void optional(Writer out, String name, String v) throws IOException {
    if (v != null) {
      out.write(name);
      string(out, v);
    }
  }

  private static void map(Writer out, Map<?, ?> m) throws IOException {
    out.write('{');
    members(out, m);
    out.write('}');
  }

  /** User properties: the known keys, then {@code custom_properties} when there are any. */
  private static void map(Writer out, Map<?, ?> known, Map<?, ?> custom) throws IOException {
    out.write('{');
    boolean empty = members(out, known);
    if (!custom.isEmpty()) {
      out.write(empty ? "\"custom_properties\":" : ",\"custom_properties\":");
      map(out, custom);
    }
    out.write('}');
  }

  /** Writes {@code "key":value} pairs; returns whether the map was empty. */
  private static boolean members(Writer out, Map<?, ?> m) throws IOException {
    boolean none = true;
    for (Map.Entry<?, ?> en : m.entrySet()) {
      if (!none) {
        out.write(',');
      }
      none = false;
      string(out, (String) en.getKey());
      out.write(':');
      value(out, en.getValue());
    }
    return none;
  }

  static void value(Writer out, Object v) throws IOException {
    if (v == null) {
      out.write("null");
    } else if (v instanceof String) {
      string(out, (String) v);
    } else if (v instanceof Character) {
      string(out, v.toString());
    } else if (v instanceof Boolean) {
      out.write(((Boolean) v) ? "true" : "false");
    } else if (v instanceof Number) {
      number(out, (Number) v);
    } else if (v instanceof Map) {
      map(out, (Map<?, ?>) v);
    } else {
      out.write('[');
      if (v instanceof Collection) {
        boolean first = true;
        for (Object o : (Collection<?>) v) {
          if (!first) {
            out.write(',');
          }
          first = false;
          value(out, o);
        }
      } else {
        for (int i = 0; i < Array.getLength(v); i++) {
          if (i > 0) {
            out.write(',');
          }
          value(out, Array.get(v, i));
        }
      }
      out.write(']');
    }
  }

  /**
   * A number as {@code JsonWriter.value(Number)} writes it: the JDK's integral types and finite
   * doubles and floats by their {@code toString()}; anything else (NaN, infinities, other Number
   * classes, which Gson checks or refuses) through a {@code JsonWriter}, so it behaves exactly as
   * before.
   */
  private static void number(Writer out, Number n) throws IOException {
    Class<?> c = n.getClass();
    boolean plain =
        c == Integer.class
            || c == Long.class
            || c == Short.class
            || c == Byte.class
            || ((c == Double.class || c == Float.class)
                && !Double.isNaN(n.doubleValue())
                && !Double.isInfinite(n.doubleValue()));
    if (plain) {
      out.write(n.toString());
    } else {
      new JsonWriter(out).value(n);
    }
  }

  /** A JSON string with Gson's escapes (see {@link #ESCAPES}, plus U+2028 and U+2029). */
  private static void string(Writer out, String s) throws IOException {
    out.write('"');
    int last = 0;
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      String escape;
      if (c < 128) {
        escape = ESCAPES[c];
        if (escape == null) {
          continue;
        }
      } else if (c == '\u2028') {
        escape = "\\u2028";
      } else if (c == '\u2029') {
        escape = "\\u2029";
      } else {
        continue;
      }
      out.write(s, last, i - last);
      out.write(escape);
      last = i + 1;
    }
    out.write(s, last, length - last);
    out.write('"');
  }

  static JsonElement value(Object v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    }
    if (v instanceof String) {
      return new JsonPrimitive((String) v);
    }
    if (v instanceof Character) {
      return new JsonPrimitive(v.toString());
    }
    if (v instanceof Boolean) {
      return new JsonPrimitive((Boolean) v);
    }
    if (v instanceof Number) {
      return new JsonPrimitive((Number) v);
    }
    if (v instanceof Map) {
      return map((Map<?, ?>) v);
    }
    JsonArray a = new JsonArray();
    if (v instanceof Collection) {
      for (Object o : (Collection<?>) v) {
        a.add(value(o));
      }
    } else {
      for (int i = 0; i < Array.getLength(v); i++) {
        a.add(value(Array.get(v, i)));
      }
    }
    return a;
  }

  private static final java.lang.reflect.Type MAP =
      new TypeToken<Map<String, Object>>() {}.getType();

  /**
   * Reads back a row this class wrote (for the spool's recovery): a view of it for listeners, with
   * the row itself kept to be sent verbatim; null when it is not such a row.
   */
  static @Nullable Event readRow(String row) {
    try {
      JsonElement el = JsonParser.parseString(row);
      if (!el.isJsonObject()) {
        return null;
      }
      JsonObject o = el.getAsJsonObject();
      Event e =
          Event.named(o.get("event").getAsString()).distinctId(o.get("distinctId").getAsString());
      if (o.has("time")) {
        e = e.at(Instant.ofEpochMilli(o.get("time").getAsLong()));
      }
      if (o.has("userId")) {
        e = e.userId(o.get("userId").getAsString());
      }
      if (o.has("externalId")) {
        e = e.externalId(o.get("externalId").getAsString());
      }
      if (o.has("email")) {
        e = e.email(o.get("email").getAsString());
      }
      if (o.has("eventProperties") && o.get("eventProperties").isJsonObject()) {
        Map<String, Object> props =
            new com.google.gson.Gson().fromJson(o.get("eventProperties"), MAP);
        e = e.properties(props);
      }
      return e.spooled(row);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
