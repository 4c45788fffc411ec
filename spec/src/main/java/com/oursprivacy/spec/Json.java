package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers over Gson's tree model; the pipeline works on JSON trees, not POJOs. */
final class Json {
  private Json() {}

  static JsonObject obj(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
  }

  static JsonArray arr(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null && e.isJsonArray() ? e.getAsJsonArray() : null;
  }

  static String str(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()
        ? e.getAsString()
        : null;
  }

  static boolean bool(JsonObject o, String key) {
    JsonElement e = o == null ? null : o.get(key);
    return e != null
        && e.isJsonPrimitive()
        && e.getAsJsonPrimitive().isBoolean()
        && e.getAsBoolean();
  }

  static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      for (JsonElement e : a) {
        if (e.isJsonPrimitive()) {
          out.add(e.getAsString());
        }
      }
    }
    return out;
  }

  /** An object schema with at least one declared property: the thing that becomes a class. */
  static boolean isObjectNode(JsonObject s) {
    JsonObject props = obj(s, "properties");
    return props != null && props.size() > 0 && !s.has("$ref");
  }

  /** A string schema with enum values: becomes a top-level enum. */
  static boolean isStringEnum(JsonObject s) {
    JsonArray e = arr(s, "enum");
    String type = str(s, "type");
    return e != null && e.size() > 0 && (type == null || "string".equals(type)) && !s.has("$ref");
  }

  /**
   * A canonical text of a schema's structure: keys sorted, prose (description, example, title) and
   * vendor extensions left out. Two schemas with the same text generate the same class.
   */
  static String shape(JsonElement e) {
    StringBuilder sb = new StringBuilder();
    shape(e, sb);
    return sb.toString();
  }

  private static void shape(JsonElement e, StringBuilder sb) {
    if (e == null || e.isJsonNull()) {
      sb.append("null");
    } else if (e.isJsonPrimitive()) {
      sb.append(e.toString());
    } else if (e.isJsonArray()) {
      sb.append('[');
      for (JsonElement x : e.getAsJsonArray()) {
        shape(x, sb);
        sb.append(',');
      }
      sb.append(']');
    } else {
      Map<String, JsonElement> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
        String k = en.getKey();
        if (k.equals("description")
            || k.equals("example")
            || k.equals("title")
            || k.startsWith("x-")) {
          continue;
        }
        sorted.put(k, en.getValue());
      }
      sb.append('{');
      for (Map.Entry<String, JsonElement> en : sorted.entrySet()) {
        sb.append('"').append(en.getKey()).append("\":");
        if (en.getKey().equals("properties")) {
          // property names are data, not keywords: keep them, sorted, with their schemas
          Map<String, JsonElement> props = new TreeMap<>();
          for (Map.Entry<String, JsonElement> p : en.getValue().getAsJsonObject().entrySet()) {
            props.put(p.getKey(), p.getValue());
          }
          sb.append('{');
          for (Map.Entry<String, JsonElement> p : props.entrySet()) {
            sb.append('"').append(p.getKey()).append("\":");
            shape(p.getValue(), sb);
            sb.append(',');
          }
          sb.append('}');
        } else {
          shape(en.getValue(), sb);
        }
        sb.append(',');
      }
      sb.append('}');
    }
  }

  /** Replaces every entry of {@code target} with those of {@code source}, keeping identity. */
  static void replaceContents(JsonObject target, JsonObject source) {
    for (String k : new ArrayList<>(target.keySet())) {
      target.remove(k);
    }
    for (Map.Entry<String, JsonElement> en : source.entrySet()) {
      target.add(en.getKey(), en.getValue());
    }
  }
}
