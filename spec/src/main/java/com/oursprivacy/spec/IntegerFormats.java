package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Gives every {@code integer} schema without a {@code format} the format {@code int64}.
 *
 * <p>Why: OpenAPI's {@code integer} has no size, and the API uses it for counters that grow without
 * bound (dispatches, views, clicks, attribution counts). Unformatted, the generator maps it to
 * {@code Integer} and one value above 2<sup>31</sup>−1 makes the whole response fail to parse. Why
 * here and not as a generator {@code typeMapping}: the normalized spec is what every consumer reads
 * (the generator, the facade writer, the sandbox, the request validator of the integration tests),
 * so fixing it once here keeps them all agreeing on {@code Long}; a type mapping would change the
 * generated models only and leave the facade's parameter types and every other reader on 32 bits.
 * Explicit formats ({@code int32}) are left alone: there the spec says what it means.
 */
final class IntegerFormats {
  private IntegerFormats() {}

  /** Widens in place, everywhere in {@code node} (paths, parameters, components). */
  static void widen(JsonElement node) {
    if (node == null) {
      return;
    }
    if (node.isJsonArray()) {
      for (JsonElement e : node.getAsJsonArray()) {
        widen(e);
      }
      return;
    }
    if (!node.isJsonObject()) {
      return;
    }
    JsonObject o = node.getAsJsonObject();
    if (isInteger(o.get("type")) && !o.has("format")) {
      o.addProperty("format", "int64");
    }
    for (String key : o.keySet()) {
      widen(o.get(key));
    }
  }

  private static boolean isInteger(JsonElement type) {
    if (type instanceof JsonPrimitive) {
      return "integer".equals(type.getAsString());
    }
    if (type instanceof JsonArray) {
      for (JsonElement t : type.getAsJsonArray()) {
        if (t.isJsonPrimitive() && "integer".equals(t.getAsString())) {
          return true;
        }
      }
    }
    return false;
  }
}
