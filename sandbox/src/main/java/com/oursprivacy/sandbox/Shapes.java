package com.oursprivacy.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.util.Map;

/**
 * Builds response bodies from response schemas: the minimal valid value, overlaid with stored data.
 */
final class Shapes {
  private final Spec spec;

  Shapes(Spec spec) {
    this.spec = spec;
  }

  /**
   * An object of {@code schema} taking every property it defines from {@code data} (when present)
   * and a minimal valid value for each required property {@code data} lacks. Properties of {@code
   * data} that the schema does not define are left out; free-form schemas copy it all.
   */
  JsonElement render(JsonElement schemaRef, JsonObject data) {
    JsonObject s = spec.resolve(schemaRef);
    if (!s.has("properties")) {
      return "object".equals(type(s)) || s.size() == 0 ? data.deepCopy() : minimal(s, 0);
    }
    JsonObject out = new JsonObject();
    JsonObject props = s.getAsJsonObject("properties");
    for (Map.Entry<String, JsonElement> p : props.entrySet()) {
      if (data.has(p.getKey())) {
        out.add(p.getKey(), data.get(p.getKey()).deepCopy());
      }
    }
    if (s.has("required")) {
      for (JsonElement r : s.getAsJsonArray("required")) {
        String name = r.getAsString();
        if (!out.has(name)) {
          out.add(name, minimal(spec.resolve(props.get(name)), 0));
        }
      }
    }
    return out;
  }

  /**
   * The smallest value the schema accepts: enums prefer "Enabled"/"active", strings meet minLength.
   */
  JsonElement minimal(JsonObject s, int depth) {
    if (depth > 8) {
      return JsonNull.INSTANCE;
    }
    for (String union : new String[] {"anyOf", "oneOf", "allOf"}) {
      if (s.has(union) && s.getAsJsonArray(union).size() > 0) {
        return minimal(spec.resolve(s.getAsJsonArray(union).get(0)), depth + 1);
      }
    }
    if (s.has("default")) {
      return s.get("default").deepCopy();
    }
    if (s.has("enum")) {
      JsonArray values = s.getAsJsonArray("enum");
      for (String preferred : new String[] {"Enabled", "enabled", "active", "Active"}) {
        if (values.contains(new JsonPrimitive(preferred))) {
          return new JsonPrimitive(preferred);
        }
      }
      return values.get(0).deepCopy();
    }
    String type = type(s);
    switch (type) {
      case "string":
        if ("date-time".equals(str(s, "format"))) {
          return new JsonPrimitive(Instant.now().toString());
        }
        int min = s.has("minLength") ? s.get("minLength").getAsInt() : 0;
        return new JsonPrimitive("x".repeat(min));
      case "integer":
      case "number":
        return new JsonPrimitive(
            s.has("minimum") ? s.get("minimum").getAsBigDecimal() : java.math.BigDecimal.ZERO);
      case "boolean":
        return new JsonPrimitive(false);
      case "array":
        JsonArray a = new JsonArray();
        if (s.has("minItems") && s.get("minItems").getAsInt() > 0 && s.has("items")) {
          for (int i = 0; i < s.get("minItems").getAsInt(); i++) {
            a.add(minimal(spec.resolve(s.get("items")), depth + 1));
          }
        }
        return a;
      case "object":
        JsonObject o = new JsonObject();
        if (s.has("required") && s.has("properties")) {
          JsonObject props = s.getAsJsonObject("properties");
          for (JsonElement r : s.getAsJsonArray("required")) {
            o.add(r.getAsString(), minimal(spec.resolve(props.get(r.getAsString())), depth + 1));
          }
        }
        return o;
      default:
        return JsonNull.INSTANCE;
    }
  }

  private static String type(JsonObject s) {
    if (s.has("type")) {
      return s.get("type").getAsString();
    }
    return s.has("properties") ? "object" : "";
  }

  private static String str(JsonObject s, String key) {
    return s.has(key) ? s.get(key).getAsString() : null;
  }
}
