package com.oursprivacy.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Checks a request against its operation: query and path parameters, then the JSON body. */
final class RequestCheck {
  private RequestCheck() {}

  /**
   * The first violation, or null. On success {@code req.json} holds the parsed body. With {@code
   * skipBody} the body is parsed but its schema is left to the caller.
   */
  static String check(
      Operation op,
      Request req,
      Map<String, String> pathParams,
      SchemaValidator v,
      boolean skipBody) {
    Set<String> declared = new HashSet<>();
    for (JsonObject p : op.parameters()) {
      String name = p.get("name").getAsString();
      String in = p.get("in").getAsString();
      String value =
          "path".equals(in)
              ? pathParams.get(name)
              : "query".equals(in)
                  ? req.query.get(name)
                  : req.headers.get(name.toLowerCase(java.util.Locale.ROOT));
      if ("query".equals(in)) {
        declared.add(name);
      }
      if (value == null) {
        if (SchemaValidator.bool(p, "required")) {
          return in + " parameter '" + name + "': required";
        }
        continue;
      }
      JsonObject schema = op.spec.resolve(p.get("schema"));
      String err = v.firstError(asJson(value, schema), schema, in + " parameter '" + name + "'");
      if (err != null) {
        return err;
      }
    }
    for (String q : req.query.keySet()) {
      if (!declared.contains(q)) {
        return "query parameter '" + q + "': not defined for " + op;
      }
    }
    JsonObject schema = op.bodySchema();
    boolean hasBody = req.body != null && !req.body.isBlank();
    if (!hasBody) {
      return op.bodyRequired() ? "body: required (application/json)" : null;
    }
    if (schema == null) {
      return "body: " + op + " takes no request body";
    }
    String ct = req.headers.getOrDefault("content-type", "");
    if (!ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return "body: Content-Type must be application/json, was '" + ct + "'";
    }
    try {
      req.json = JsonParser.parseString(req.body);
    } catch (JsonParseException e) {
      return "body: not valid JSON";
    }
    return skipBody ? null : v.firstError(req.json, schema, "body");
  }

  private static JsonObject op(JsonObject arraySchema) {
    JsonElement items = arraySchema.get("items");
    return items != null && items.isJsonObject() ? items.getAsJsonObject() : new JsonObject();
  }

  /** A query string value typed as its schema expects, so the same validator applies. */
  private static JsonElement asJson(String raw, JsonObject schema) {
    String type = schema.has("type") ? schema.get("type").getAsString() : "string";
    if ("array".equals(type)) {
      com.google.gson.JsonArray a = new com.google.gson.JsonArray();
      for (String part : raw.split(",", -1)) {
        a.add(asJson(part, op(schema)));
      }
      return a;
    }
    try {
      if ("integer".equals(type) || "number".equals(type)) {
        return new JsonPrimitive(new BigDecimal(raw.trim()));
      }
    } catch (NumberFormatException e) {
      return new JsonPrimitive(raw);
    }
    if ("boolean".equals(type) && ("true".equals(raw) || "false".equals(raw))) {
      return new JsonPrimitive(Boolean.parseBoolean(raw));
    }
    return new JsonPrimitive(raw);
  }
}
