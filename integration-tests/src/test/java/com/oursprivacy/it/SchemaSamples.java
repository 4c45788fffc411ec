package com.oursprivacy.it;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The smallest JSON value a normalized-spec schema accepts: required fields only, first enum value.
 */
final class SchemaSamples {
  static final String UUID = "0b6c1c52-6a1e-4c52-9c1d-3f4f1a2b3c4d";

  private SchemaSamples() {}

  static JsonElement minimal(JsonObject schema, JsonObject schemas) {
    return sample(schema, schemas, 0);
  }

  private static JsonElement sample(JsonObject s, JsonObject schemas, int depth) {
    if (s.has("$ref")) {
      String ref = s.get("$ref").getAsString();
      s = schemas.getAsJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }
    if (s.has("enum")) {
      for (JsonElement v : s.getAsJsonArray("enum")) {
        if (!v.isJsonNull()) {
          return v;
        }
      }
    }
    String type =
        s.has("type") ? s.get("type").getAsString() : (s.has("properties") ? "object" : "string");
    switch (type) {
      case "object":
        {
          JsonObject o = new JsonObject();
          if (s.has("required") && depth < 8) {
            for (JsonElement r : s.getAsJsonArray("required")) {
              JsonObject p = s.getAsJsonObject("properties").getAsJsonObject(r.getAsString());
              o.add(r.getAsString(), sample(p, schemas, depth + 1));
            }
          }
          return o;
        }
      case "array":
        {
          JsonArray a = new JsonArray();
          int n = s.has("minItems") ? s.get("minItems").getAsInt() : 0;
          for (int i = 0; i < n; i++) {
            a.add(sample(s.getAsJsonObject("items"), schemas, depth + 1));
          }
          return a;
        }
      case "integer":
      case "number":
        return new JsonPrimitive(s.has("minimum") ? s.get("minimum").getAsNumber() : 1);
      case "boolean":
        return new JsonPrimitive(true);
      default:
        return new JsonPrimitive(string(s));
    }
  }

  private static String string(JsonObject s) {
    String format = s.has("format") ? s.get("format").getAsString() : "";
    switch (format) {
      case "uuid":
        return UUID;
      case "date-time":
        return "2026-01-01T00:00:00Z";
      case "date":
        return "2026-01-01";
      case "uri":
        return "https://example.com/";
      case "email":
        return "ada@example.com";
      default:
        break;
    }
    if (s.has("pattern")) {
      Pattern p = Pattern.compile(s.get("pattern").getAsString());
      for (String candidate : List.of("2026-01-01", "1", "a", "A1")) {
        if (p.matcher(candidate).find()) {
          return candidate;
        }
      }
    }
    int min = s.has("minLength") ? s.get("minLength").getAsInt() : 1;
    return "x".repeat(Math.max(1, min));
  }
}
