package com.oursprivacy.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON values against the normalized spec's schemas (the OpenAPI 3.0 subset the specs use:
 * type, nullable, enum, lengths, bounds, required, properties, additionalProperties, items,
 * anyOf/oneOf/allOf). Unknown properties of a schema that lists its properties are violations: they
 * are how a client's typo or a field the API does not know shows up.
 *
 * <p>Why not swagger-request-validator, which the integration tests use: the sandbox is a library
 * users put on their test classpath, and that validator would bring Jackson, swagger-parser and
 * their dependencies with it; this class needs Gson only, which the SDK already has. The two must
 * still agree: {@code ValidatorAgreementTest} (integration-tests) runs both over every request the
 * SDK sends and over invalid variants of them, and fails on any verdict they differ on.
 */
final class SchemaValidator {
  private final Spec spec;

  SchemaValidator(Spec spec) {
    this.spec = spec;
  }

  /** The first violation of {@code value} against {@code schema}, or null when it conforms. */
  String firstError(JsonElement value, JsonElement schema, String where) {
    List<String> errors = new ArrayList<>();
    check(value, spec.resolve(schema), where, errors);
    return errors.isEmpty() ? null : errors.get(0);
  }

  private void check(JsonElement v, JsonObject s, String where, List<String> errors) {
    if (v == null || v.isJsonNull()) {
      if (!bool(s, "nullable") && s.has("type")) {
        errors.add(where + ": must not be null");
      }
      return;
    }
    if (s.has("allOf")) {
      for (JsonElement part : s.getAsJsonArray("allOf")) {
        check(v, spec.resolve(part), where, errors);
      }
    }
    for (String union : new String[] {"anyOf", "oneOf"}) {
      if (s.has(union)) {
        String first = null;
        for (JsonElement branch : s.getAsJsonArray(union)) {
          List<String> e = new ArrayList<>();
          check(v, spec.resolve(branch), where, e);
          if (e.isEmpty()) {
            first = null;
            break;
          }
          first = first == null ? e.get(0) : first;
        }
        if (first != null) {
          errors.add(first);
          return;
        }
      }
    }
    String type = s.has("type") ? s.get("type").getAsString() : null;
    if (type != null && !typeMatches(v, type)) {
      errors.add(where + ": expected " + type + ", got " + describe(v));
      return;
    }
    if (s.has("enum") && !s.getAsJsonArray("enum").contains(v)) {
      errors.add(where + ": " + shorten(v) + " is not one of " + shorten(s.get("enum")));
      return;
    }
    if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
      int len = v.getAsString().codePointCount(0, v.getAsString().length());
      if (s.has("minLength") && len < s.get("minLength").getAsInt()) {
        errors.add(
            where + ": length " + len + " is below minLength " + s.get("minLength").getAsInt());
      }
      if (s.has("maxLength") && len > s.get("maxLength").getAsInt()) {
        errors.add(
            where + ": length " + len + " exceeds maxLength " + s.get("maxLength").getAsInt());
      }
      if (s.has("pattern")
          && !java.util.regex.Pattern.compile(s.get("pattern").getAsString())
              .matcher(v.getAsString())
              .find()) {
        errors.add(where + ": does not match pattern " + s.get("pattern").getAsString());
      }
    } else if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
      BigDecimal n = v.getAsBigDecimal();
      if (s.has("minimum") && n.compareTo(s.get("minimum").getAsBigDecimal()) < 0) {
        errors.add(where + ": " + n + " is below minimum " + s.get("minimum"));
      }
      if (s.has("maximum") && n.compareTo(s.get("maximum").getAsBigDecimal()) > 0) {
        errors.add(where + ": " + n + " exceeds maximum " + s.get("maximum"));
      }
    } else if (v.isJsonArray()) {
      checkArray(v.getAsJsonArray(), s, where, errors);
    } else if (v.isJsonObject()) {
      checkObject(v.getAsJsonObject(), s, where, errors);
    }
  }

  private void checkArray(JsonArray a, JsonObject s, String where, List<String> errors) {
    if (s.has("minItems") && a.size() < s.get("minItems").getAsInt()) {
      errors.add(
          where
              + ": "
              + a.size()
              + " items, at least "
              + s.get("minItems").getAsInt()
              + " required");
    }
    if (s.has("maxItems") && a.size() > s.get("maxItems").getAsInt()) {
      errors.add(
          where + ": " + a.size() + " items, at most " + s.get("maxItems").getAsInt() + " allowed");
    }
    if (s.has("items")) {
      JsonObject items = spec.resolve(s.get("items"));
      for (int i = 0; i < a.size() && errors.isEmpty(); i++) {
        check(a.get(i), items, where + "[" + i + "]", errors);
      }
    }
  }

  private void checkObject(JsonObject o, JsonObject s, String where, List<String> errors) {
    if (s.has("required")) {
      for (JsonElement r : s.getAsJsonArray("required")) {
        if (!o.has(r.getAsString())) {
          errors.add(where + "." + r.getAsString() + ": required");
        }
      }
    }
    JsonObject props = s.has("properties") ? s.getAsJsonObject("properties") : null;
    JsonElement additional = s.get("additionalProperties");
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      String at = where + "." + e.getKey();
      if (props != null && props.has(e.getKey())) {
        check(e.getValue(), spec.resolve(props.get(e.getKey())), at, errors);
      } else if (additional != null && additional.isJsonObject()) {
        check(e.getValue(), spec.resolve(additional), at, errors);
      } else if (props != null && (additional == null || !additional.getAsBoolean())) {
        errors.add(
            at
                + ": unknown property (the schema defines "
                + shorten(props.keySet().toString())
                + ")");
      }
    }
  }

  static boolean bool(JsonObject s, String key) {
    return s.has(key) && s.get(key).isJsonPrimitive() && s.get(key).getAsBoolean();
  }

  private static boolean typeMatches(JsonElement v, String type) {
    switch (type) {
      case "object":
        return v.isJsonObject();
      case "array":
        return v.isJsonArray();
      case "string":
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
      case "boolean":
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean();
      case "number":
        return v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
      case "integer":
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
          return false;
        }
        BigDecimal d = v.getAsBigDecimal();
        return d.stripTrailingZeros().scale() <= 0;
      default:
        return true;
    }
  }

  static String describe(JsonElement v) {
    if (v.isJsonObject()) {
      return "object";
    }
    if (v.isJsonArray()) {
      return "array";
    }
    JsonPrimitive p = v.getAsJsonPrimitive();
    return p.isString() ? "string" : p.isBoolean() ? "boolean" : "number";
  }

  private static String shorten(Object o) {
    String s = String.valueOf(o);
    return s.length() > 120 ? s.substring(0, 117) + "…" : s;
  }
}
