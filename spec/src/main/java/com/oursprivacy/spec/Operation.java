package com.oursprivacy.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One operation of a spec, with the resource and verb the naming and annotation rules use. */
final class Operation {
  static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  final String path;
  final String method;
  final JsonObject node;

  /** snake_case resource, e.g. {@code tag_manager_tags}. */
  final String resource;

  /** camelCase verb, e.g. {@code list}, {@code analyticsByRegion}. */
  final String verb;

  private Operation(String path, String method, JsonObject node, String resource, String verb) {
    this.path = path;
    this.method = method;
    this.node = node;
    this.resource = resource;
    this.verb = verb;
  }

  /** {@code destinations.list}: the stable, human key of an operation. */
  String key() {
    return resource + "." + verb;
  }

  /** {@code Destination}: the resource's singular, Pascal-case name. */
  String singular() {
    return Names.singularPascal(resource);
  }

  /** Every operation of the spec, in document order. */
  static List<Operation> all(JsonObject spec) {
    List<Operation> out = new ArrayList<>();
    JsonObject paths = Json.obj(spec, "paths");
    if (paths == null) {
      return out;
    }
    for (Map.Entry<String, JsonElement> p : paths.entrySet()) {
      if (!p.getValue().isJsonObject()) {
        continue;
      }
      for (Map.Entry<String, JsonElement> m : p.getValue().getAsJsonObject().entrySet()) {
        String method = m.getKey().toLowerCase(Locale.ROOT);
        if (!HTTP_METHODS.contains(method) || !m.getValue().isJsonObject()) {
          continue;
        }
        JsonObject op = m.getValue().getAsJsonObject();
        String[] rv = resourceAndVerb(op, p.getKey(), method);
        out.add(new Operation(p.getKey(), method, op, rv[0], rv[1]));
      }
    }
    return out;
  }

  private static String[] resourceAndVerb(JsonObject op, String path, String method) {
    String sm = Json.str(op, "x-stainless-method");
    if (sm != null && sm.lastIndexOf('.') > 0) {
      int dot = sm.lastIndexOf('.');
      return new String[] {sm.substring(0, dot).replace('.', '_'), sm.substring(dot + 1)};
    }
    // Fallback for specs without Stainless hints: first tag, else first path segment.
    List<String> tags = Json.strings(Json.arr(op, "tags"));
    String resource;
    if (!tags.isEmpty()) {
      resource = String.join("_", Names.words(tags.get(0))).toLowerCase(Locale.ROOT);
    } else {
      String[] segs = path.replaceAll("^/+", "").split("/", -1);
      resource = segs.length > 0 ? segs[segs.length > 2 ? 2 : 0].replace('-', '_') : "default";
    }
    String opId = Json.str(op, "operationId");
    String verb = opId != null ? opId : method + Names.pascal(path);
    verb = Character.toLowerCase(Names.pascal(verb).charAt(0)) + Names.pascal(verb).substring(1);
    return new String[] {resource, verb};
  }

  /**
   * The scope within which identical shapes share a class: the operation's first tag (one per
   * resource in the platform spec; one for all three ingest operations), else the resource.
   */
  String scope() {
    List<String> tags = Json.strings(Json.arr(node, "tags"));
    return tags.isEmpty() ? resource : tags.get(0);
  }

  /** The JSON request body schema, or null. */
  JsonObject requestSchema() {
    JsonObject body = Json.obj(node, "requestBody");
    return Json.obj(Json.obj(Json.obj(body, "content"), "application/json"), "schema");
  }

  /** The JSON schema of response {@code status}, or null. */
  JsonObject responseSchema(String status) {
    JsonObject r = Json.obj(Json.obj(node, "responses"), status);
    return Json.obj(Json.obj(Json.obj(r, "content"), "application/json"), "schema");
  }

  /** Response status codes in document order. */
  List<String> statuses() {
    JsonObject r = Json.obj(node, "responses");
    return r == null ? List.of() : new ArrayList<>(r.keySet());
  }

  /** The first 2xx status, or null. */
  String successStatus() {
    for (String s : statuses()) {
      if (s.startsWith("2")) {
        return s;
      }
    }
    return null;
  }
}
