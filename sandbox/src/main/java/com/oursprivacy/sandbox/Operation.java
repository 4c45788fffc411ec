package com.oursprivacy.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One spec operation with the x-ours-* annotations the sandbox acts on. */
final class Operation {
  final String method;
  final String template;
  final JsonObject op;
  final Spec spec;
  private final Pattern pattern;
  private final List<String> names = new ArrayList<>();

  Operation(String method, String template, JsonObject op, Spec spec) {
    this.method = method;
    this.template = template;
    this.op = op;
    this.spec = spec;
    StringBuilder re = new StringBuilder();
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
    int last = 0;
    while (m.find()) {
      re.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    re.append(Pattern.quote(template.substring(last)));
    this.pattern = Pattern.compile(re.toString());
  }

  int templateCount() {
    return names.size();
  }

  /** Path parameters when {@code path} matches this template, else null. */
  Map<String, String> match(String path) {
    Matcher m = pattern.matcher(path);
    if (!m.matches()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      params.put(
          names.get(i),
          java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return params;
  }

  String ext(String name) {
    JsonElement e = op.get(name);
    return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
  }

  String resource() {
    return ext("x-ours-resource");
  }

  String verb() {
    return ext("x-ours-verb");
  }

  String pagination() {
    String p = ext("x-ours-pagination");
    return p == null ? "none" : p;
  }

  /** The property holding the items of a list response (first of x-ours-items). */
  String itemsKey() {
    JsonElement e = op.get("x-ours-items");
    return e != null && e.isJsonArray() && e.getAsJsonArray().size() > 0
        ? e.getAsJsonArray().get(0).getAsString()
        : "entities";
  }

  /** x-ours-page-size value ({@code default} or {@code max}), or {@code fallback}. */
  int pageSize(String which, int fallback) {
    JsonElement e = op.get("x-ours-page-size");
    if (e != null && e.isJsonObject() && e.getAsJsonObject().has(which)) {
      return e.getAsJsonObject().get(which).getAsInt();
    }
    return fallback;
  }

  /** The JSON request body schema, resolved, or null when the operation takes none. */
  JsonObject bodySchema() {
    JsonObject content = content(op.getAsJsonObject("requestBody"));
    return content == null ? null : spec.resolve(content.get("schema"));
  }

  boolean bodyRequired() {
    JsonObject rb = op.getAsJsonObject("requestBody");
    return rb != null && rb.has("required") && rb.get("required").getAsBoolean();
  }

  /** The schema of the 200 (else first 2xx) response, resolved; empty when none is given. */
  JsonObject responseSchema() {
    JsonObject responses = op.getAsJsonObject("responses");
    if (responses == null) {
      return new JsonObject();
    }
    String key = responses.has("200") ? "200" : null;
    for (String k : responses.keySet()) {
      if (key == null && k.startsWith("2")) {
        key = k;
      }
    }
    JsonObject content = key == null ? null : content(responses.getAsJsonObject(key));
    return content == null ? new JsonObject() : spec.resolve(content.get("schema"));
  }

  List<JsonObject> parameters() {
    List<JsonObject> out = new ArrayList<>();
    if (op.has("parameters")) {
      for (JsonElement p : op.getAsJsonArray("parameters")) {
        out.add(spec.resolve(p));
      }
    }
    return out;
  }

  private static JsonObject content(JsonObject holder) {
    if (holder == null || !holder.has("content")) {
      return null;
    }
    JsonObject c = holder.getAsJsonObject("content");
    return c.has("application/json") ? c.getAsJsonObject("application/json") : null;
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
