package com.oursprivacy.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import com.oursprivacy.errors.OursApiException;
import com.oursprivacy.errors.OursInvalidResponseException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Turns response bodies into values or exceptions. The one place that knows the {@code data}
 * envelope and the two error-body shapes; no Gson exception escapes it.
 */
final class ResponseParser {
  private final Gson gson;
  private final Redactor redactor;

  ResponseParser(Gson gson, Redactor redactor) {
    this.gson = gson;
    this.redactor = redactor;
  }

  /**
   * Parses a 2xx body. {@code Void} yields null without looking at the body; an empty body yields
   * null for 204/205 and is invalid otherwise; {@code {"data": x}} (with no other member) yields
   * {@code x} parsed as {@code type}.
   *
   * @throws OursInvalidResponseException when the body is not JSON of the expected shape
   */
  <T> T parse(int status, String body, Type type) {
    if (type == Void.class || type == void.class) {
      return null;
    }
    if (body == null || body.trim().isEmpty()) {
      if (status == 204 || status == 205) {
        return null;
      }
      throw new OursInvalidResponseException(
          status, "HTTP " + status + " with an empty body; expected JSON for " + name(type), null);
    }
    if (isPlainObject(body)) {
      // The common case, a bare object: straight into the model, no intermediate JSON tree.
      try {
        JsonReader reader = new JsonReader(new StringReader(body));
        reader.setStrictness(Strictness.STRICT);
        @SuppressWarnings("unchecked")
        T value = (T) gson.getAdapter(TypeToken.get(type)).read(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
          throw new MalformedJsonException("trailing data after the JSON value");
        }
        return value;
      } catch (IOException e) {
        throw new OursInvalidResponseException(
            status, "HTTP " + status + " body is not valid JSON (expected " + name(type) + ")", e);
      } catch (RuntimeException e) {
        throw new OursInvalidResponseException(
            status, "HTTP " + status + " body does not match " + name(type), e);
      }
    }
    JsonElement element;
    try {
      element = ListEnvelope.adapt(parseStrict(body), type);
    } catch (IOException | RuntimeException e) {
      throw new OursInvalidResponseException(
          status, "HTTP " + status + " body is not valid JSON (expected " + name(type) + ")", e);
    }
    try {
      return gson.fromJson(element, type);
    } catch (RuntimeException e) {
      // Gson reports shape errors as JsonSyntaxException, IllegalStateException,
      // NumberFormatException or UnsupportedOperationException; all mean the same here.
      throw new OursInvalidResponseException(
          status, "HTTP " + status + " body does not match " + name(type), e);
    }
  }

  /**
   * Whether {@code body} is an object with no {@code "data"} key anywhere: then it is neither an
   * envelope nor a list shape that needs adapting, and can be read directly into the model. A body
   * that merely mentions "data" takes the slower, always-correct path.
   */
  static boolean isPlainObject(String body) {
    int i = skipSpace(body, 0);
    return i < body.length() && body.charAt(i) == '{' && !body.contains("\"data\"");
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The exception for a non-2xx response; never fails, whatever the body holds. */
  OursApiException error(int status, String body, Map<String, List<String>> headers) {
    String error = null;
    String details = null;
    try {
      JsonElement element = unwrap(parseStrict(body));
      if (element.isJsonObject()) {
        JsonObject o = element.getAsJsonObject();
        error = text(o.get("error"));
        details = text(o.get("details"));
        if (details == null) {
          details = text(o.get("message"));
        }
      }
    } catch (IOException | RuntimeException notJson) {
      // An HTML error page or an empty body: the status says enough, rawBody keeps the rest.
    }
    return OursApiException.of(status, redactor.text(error), redactor.text(details), headers, body);
  }

  JsonElement parseStrict(String body) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(body));
    reader.setStrictness(Strictness.STRICT);
    JsonElement element = gson.getAdapter(JsonElement.class).read(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new MalformedJsonException("trailing data after the JSON value");
    }
    return element;
  }

  /**
   * The docs promise {@code {"data": …}} around every response while the spec shows bare
   * objects; accept both. Only an object whose single member is {@code data} counts as an
   * envelope, so a resource that merely has a {@code data} field is left alone.
   */
  static JsonElement unwrap(JsonElement element) {
    if (element.isJsonObject()) {
      JsonObject o = element.getAsJsonObject();
      if (o.size() == 1 && o.has("data")) {
        return o.get("data");
      }
    }
    return element;
  }

  private static String text(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (e.isJsonPrimitive()) {
      return e.getAsString();
    }
    if (e.isJsonObject() && e.getAsJsonObject().has("message")) {
      return text(e.getAsJsonObject().get("message"));
    }
    return e.toString();
  }

  private static String name(Type type) {
    return type instanceof Class ? ((Class<?>) type).getSimpleName() : type.getTypeName();
  }
}
