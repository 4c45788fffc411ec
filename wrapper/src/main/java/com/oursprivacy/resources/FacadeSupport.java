package com.oursprivacy.resources;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.oursprivacy.core.RawResponse;
import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.errors.OursValidationException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The few checks and conversions the generated services share. Not API. */
final class FacadeSupport {
  private static final Gson GSON = new Gson();

  private FacadeSupport() {}

  /** A path parameter must be present and non-blank: a blank id would address the collection. */
  static void requirePathParam(String operation, String name, String value) {
    if (value == null) {
      throw new OursValidationException(operation + "." + name, "is required, got null");
    }
    if (value.isBlank()) {
      throw new OursValidationException(operation + "." + name, "must not be blank");
    }
  }

  /**
   * A body field the API requires must be set (and not null): the server would answer 400 anyway.
   */
  static void requireBodyField(JsonObject body, String operation, String field, String setter) {
    JsonElement v = body.get(field);
    if (v == null || v.isJsonNull()) {
      throw new OursValidationException(
          operation + "." + field, "is required by the API; set it with " + setter + "(…)");
    }
  }

  /** A delete's boolean answer, unboxed; an answer without one is an invalid response. */
  static boolean bool(Boolean value, String operation) {
    if (value == null) {
      throw new OursInvalidResponseException(
          200, operation + ": the response had no boolean body", null);
    }
    return value;
  }

  /** The same response carrying a derived value (a page, a list of items). */
  static <T, U> RawResponse<U> withValue(RawResponse<T> raw, U value) {
    return new RawResponse<>(raw.statusCode(), raw.headers(), value, raw.retries());
  }

  /** Where an offset pager starts: the params' offset, else 0. */
  static long firstOffset(Number offset) {
    return offset == null ? 0L : offset.longValue();
  }

  /** A retrieved model as the JSON object a PATCH round trip diffs against. */
  static JsonObject toJsonObject(Object model) {
    return GSON.toJsonTree(model).getAsJsonObject();
  }

  /** A list of nested request objects as a JSON array. */
  static <T> JsonArray toJsonArray(List<T> values, Function<T, JsonObject> toJson) {
    Objects.requireNonNull(values, "values == null");
    JsonArray out = new JsonArray();
    for (T v : values) {
      out.add(toJson.apply(Objects.requireNonNull(v, "list element == null")));
    }
    return out;
  }

  /** A 2xx response without a body where the API promises one is an invalid response. */
  static <T> T body(T value, String operation) {
    if (value == null) {
      throw new OursInvalidResponseException(200, operation + ": the response had no body", null);
    }
    return value;
  }

  /** The list a page or list response must carry; its absence is an invalid response. */
  static <T> List<T> items(List<T> items, String operation, String property) {
    if (items == null) {
      throw new OursInvalidResponseException(
          200, operation + ": the response has no '" + property + "' list", null);
    }
    return Collections.unmodifiableList(items);
  }

  /**
   * Fills {@code {name}} placeholders, each value percent-encoded as one path segment. A null or
   * blank value is refused: it would address the collection instead of one entity.
   */
  static String path(String operation, String template, String... namesAndValues) {
    String out = template;
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      requirePathParam(operation, namesAndValues[i], namesAndValues[i + 1]);
      String encoded =
          URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8).replace("+", "%20");
      out = out.replace("{" + namesAndValues[i] + "}", encoded);
    }
    return out;
  }

  /**
   * Query parameters from name/value pairs, leaving out nulls; values as {@code String.valueOf}.
   */
  static Map<String, String> query(Object... namesAndValues) {
    Map<String, String> q = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        q.put(String.valueOf(namesAndValues[i]), String.valueOf(namesAndValues[i + 1]));
      }
    }
    return q;
  }

  /** A JSON number field as a long, or null. */
  static Long toLong(Number n) {
    return n == null ? null : n.longValue();
  }
}
