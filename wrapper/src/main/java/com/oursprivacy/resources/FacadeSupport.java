package com.oursprivacy.resources;

import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.errors.OursValidationException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few checks and conversions the generated services share. Not API. */
final class FacadeSupport {
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

  /** A body field the API requires must be set: the server would answer 400 anyway. */
  static void requireField(String operation, String name, Object value) {
    if (value == null) {
      throw new OursValidationException(operation + ".body." + name, "is required by the API, got null");
    }
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

  /** Fills {@code {name}} placeholders, each value percent-encoded as one path segment. */
  static String path(String template, String... namesAndValues) {
    String out = template;
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      String encoded =
          URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8).replace("+", "%20");
      out = out.replace("{" + namesAndValues[i] + "}", encoded);
    }
    return out;
  }

  /** Query parameters from name/value pairs, leaving out nulls; values as {@code String.valueOf}. */
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
