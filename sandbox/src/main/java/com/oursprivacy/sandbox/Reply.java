package com.oursprivacy.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** A status, a JSON body and extra headers. */
final class Reply {
  final int status;
  final JsonElement body;
  final Map<String, String> headers = new LinkedHashMap<>();

  Reply(int status, JsonElement body) {
    this.status = status;
    this.body = body;
  }

  static Reply ok(JsonElement body) {
    return new Reply(200, body);
  }

  Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** {@code {"error": ..., "details": ...}}, the platform API's error body. */
  static Reply error(int status, String details) {
    JsonObject o = new JsonObject();
    o.addProperty("error", reason(status));
    o.addProperty("details", details);
    return new Reply(status, o);
  }

  static String reason(int status) {
    switch (status) {
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 409:
        return "Conflict";
      case 413:
        return "Payload Too Large";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      default:
        return "HTTP " + status;
    }
  }
}
