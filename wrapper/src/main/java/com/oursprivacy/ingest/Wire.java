package com.oursprivacy.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Turns validated events into the API's JSON bodies. Built by hand (not through reflection) so
 * property values keep exactly the shape the caller gave and the token is placed in one spot.
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

  // ---- streamed form: the tracker writes rows with a JsonWriter, no tree per row ----

  /**
   * Writes {@code {"token": …, "events": [rows]}} to {@code w}: the same JSON as {@link #batch},
   * without building a tree. A row recovered from the spool is written verbatim.
   */
  static void batch(JsonWriter w, String token, List<Event> events) throws IOException {
    w.beginObject();
    w.name("token").value(token);
    w.name("events").beginArray();
    for (Event e : events) {
      row(w, e);
    }
    w.endArray();
    w.endObject();
  }

  /**
   * One row as JSON text: what the spool stores and {@link #batch(JsonWriter, String, List)} sends
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
      JsonWriter w = new JsonWriter(new com.oursprivacy.internal.Utf8Writer(out));
      w.setSerializeNulls(true);
      row(w, e);
      w.flush();
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return out.readByteArray();
  }

  static void row(JsonWriter w, Event e) throws IOException {
    if (e.spooledRow() != null) {
      w.jsonValue(e.spooledRow());
      return;
    }
    w.beginObject();
    w.name("event").value(e.name());
    w.name("distinctId").value(e.distinctId());
    if (e.timeOrNull() != null) {
      w.name("time").value(e.timeOrNull().toEpochMilli());
    }
    optional(w, "userId", e.userIdOrNull());
    optional(w, "externalId", e.externalIdOrNull());
    optional(w, "email", e.emailOrNull());
    if (!e.properties().isEmpty()) {
      w.name("eventProperties");
      map(w, e.properties());
    }
    if (!e.userProperties().isEmpty()) {
      w.name("userProperties");
      map(w, e.userProperties().known(), e.userProperties().custom());
    }
    if (!e.defaultProperties().isEmpty()) {
      w.name("defaultProperties");
      map(w, e.defaultProperties().asMap());
    }
    if (e.identityContext().isPresent()) {
      IdentityContext c = e.identityContext().get();
      w.name("identityContext").beginObject();
      w.name("ip").value(c.ip());
      w.name("userAgent").value(c.userAgent());
      w.endObject();
    }
    w.endObject();
  }

  private static void optional(JsonWriter w, String name, String v) throws IOException {
    if (v != null) {
      w.name(name).value(v);
    }
  }

  private static void map(JsonWriter w, Map<?, ?> m) throws IOException {
    w.beginObject();
    for (Map.Entry<?, ?> en : m.entrySet()) {
      w.name((String) en.getKey());
      value(w, en.getValue());
    }
    w.endObject();
  }

  /** User properties: the known keys, then {@code custom_properties} when there are any. */
  private static void map(JsonWriter w, Map<?, ?> known, Map<?, ?> custom) throws IOException {
    w.beginObject();
    for (Map.Entry<?, ?> en : known.entrySet()) {
      w.name((String) en.getKey());
      value(w, en.getValue());
    }
    if (!custom.isEmpty()) {
      w.name("custom_properties");
      map(w, custom);
    }
    w.endObject();
  }

  static void value(JsonWriter w, Object v) throws IOException {
    if (v == null) {
      w.nullValue();
    } else if (v instanceof String) {
      w.value((String) v);
    } else if (v instanceof Character) {
      w.value(v.toString());
    } else if (v instanceof Boolean) {
      w.value((Boolean) v);
    } else if (v instanceof Number) {
      w.value((Number) v);
    } else if (v instanceof Map) {
      map(w, (Map<?, ?>) v);
    } else {
      w.beginArray();
      if (v instanceof Collection) {
        for (Object o : (Collection<?>) v) {
          value(w, o);
        }
      } else {
        for (int i = 0; i < Array.getLength(v); i++) {
          value(w, Array.get(v, i));
        }
      }
      w.endArray();
    }
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
}
