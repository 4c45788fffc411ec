package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the lock remembers of a spec: its hash, its operations ({@code destinations.list GET
 * /rest/v1/destinations}), its fields ({@code destinations.update body.hashingSalt}) with their
 * type, required and nullable flags, and the values of its enums: enough to tell a reader what
 * changed between two versions and whether the change breaks the SDK ({@link SpecChanges}).
 */
final class SpecSummary {
  /** Fields deeper than this are folded into their parent; it keeps the lock readable. */
  static final int MAX_FIELD_DEPTH = 2;

  String source;
  String sha256;
  int operationCount;
  final TreeSet<String> operations = new TreeSet<>();
  final TreeSet<String> fields = new TreeSet<>();

  /** Field name → {@code type[ required][ nullable]}, e.g. {@code string required}. */
  final TreeMap<String, String> fieldTypes = new TreeMap<>();

  /** Field name → its enum values, for string enums. */
  final TreeMap<String, TreeSet<String>> enums = new TreeMap<>();

  /**
   * Body, response and field → the class the normalizer named for it ({@code destinations.retrieve
   * response} → {@code Destination}; arrays end in {@code []}). Shapes are shared by name, so an
   * additive spec change can rename a class and change a Java signature.
   */
  final TreeMap<String, String> classes = new TreeMap<>();

  /**
   * What is deprecated: operation keys ({@code destinations.retrieve}) and fields ({@code
   * destinations.list query.status}).
   */
  final TreeSet<String> deprecated = new TreeSet<>();

  /**
   * Operation key → its effective security requirement: alternatives separated by {@code " | "},
   * the schemes of one alternative by {@code " + "}; {@code none} when it needs none.
   */
  final TreeMap<String, String> security = new TreeMap<>();

  /** Security scheme name → its definition ({@code http bearer}, {@code apiKey header X-Key}). */
  final TreeMap<String, String> schemes = new TreeMap<>();

  /**
   * The summary of a spec in its {@link Canonical} form: unions are read flattened (as the
   * generated models see them), so that a new variant shows as what it is, additive.
   */
  static SpecSummary of(JsonObject spec, byte[] raw, String source) {
    JsonObject flat = spec.deepCopy();
    Compositions.simplifyAll(flat);
    SpecSummary s = new SpecSummary();
    s.source = source;
    s.sha256 = sha256(raw);
    s.schemes(flat);
    for (Operation op : Operation.all(flat)) {
      s.operationCount++;
      String key = op.key();
      s.operations.add(key + " " + op.method.toUpperCase(Locale.ROOT) + " " + op.path);
      if (Json.bool(op.node, "deprecated")) {
        s.deprecated.add(key);
      }
      s.security.put(key, requirement(flat, op.node));
      JsonArray params = Json.arr(op.node, "parameters");
      if (params != null) {
        for (JsonElement p : params) {
          if (p.isJsonObject()) {
            JsonObject po = p.getAsJsonObject();
            String name = key + " " + Json.str(po, "in") + "." + Json.str(po, "name");
            s.fields.add(name);
            s.describe(name, resolve(flat, Json.obj(po, "schema")), Json.bool(po, "required"));
            if (Json.bool(po, "deprecated")) {
              s.deprecated.add(name);
            }
          }
        }
      }
      JsonObject body = resolve(flat, op.requestSchema());
      if (body != null) {
        s.fields(flat, key + " body", body, 0);
      }
      String ok = op.successStatus();
      if (ok != null && op.responseSchema(ok) != null) {
        s.fields(flat, key + " response", resolve(flat, op.responseSchema(ok)), 0);
      }
    }
    return s;
  }

  private void schemes(JsonObject spec) {
    JsonObject defs = Json.obj(Json.obj(spec, "components"), "securitySchemes");
    if (defs == null) {
      return;
    }
    for (Map.Entry<String, JsonElement> d : defs.entrySet()) {
      if (d.getValue().isJsonObject()) {
        JsonObject o = d.getValue().getAsJsonObject();
        StringBuilder sb = new StringBuilder(String.valueOf(Json.str(o, "type")));
        for (String k : new String[] {"scheme", "in", "name"}) {
          if (Json.str(o, k) != null) {
            sb.append(' ').append(Json.str(o, k).toLowerCase(Locale.ROOT));
          }
        }
        schemes.put(d.getKey(), sb.toString());
      }
    }
  }

  /** The operation's own {@code security}, else the document's; {@code none} when empty. */
  private static String requirement(JsonObject spec, JsonObject op) {
    JsonArray reqs = op.has("security") ? Json.arr(op, "security") : Json.arr(spec, "security");
    List<String> alternatives = new java.util.ArrayList<>();
    for (JsonElement r : reqs == null ? new JsonArray() : reqs) {
      if (r.isJsonObject()) {
        TreeSet<String> all = new TreeSet<>(r.getAsJsonObject().keySet());
        alternatives.add(all.isEmpty() ? "none" : String.join(" + ", all));
      }
    }
    java.util.Collections.sort(alternatives);
    return alternatives.isEmpty() ? "none" : String.join(" | ", alternatives);
  }

  private void fields(JsonObject spec, String prefix, JsonObject schema, int depth) {
    if (depth >= MAX_FIELD_DEPTH || schema == null) {
      return;
    }
    JsonObject items = resolve(spec, Json.obj(schema, "items"));
    if (items != null) {
      fields(spec, prefix + "[]", items, depth);
      return;
    }
    for (String comp : new String[] {"anyOf", "oneOf", "allOf"}) {
      JsonArray vs = Json.arr(schema, comp);
      if (vs != null) {
        for (JsonElement v : vs) {
          if (v.isJsonObject()) {
            fields(spec, prefix, resolve(spec, v.getAsJsonObject()), depth);
          }
        }
      }
    }
    JsonObject props = Json.obj(schema, "properties");
    if (props == null) {
      return;
    }
    List<String> required = Json.strings(Json.arr(schema, "required"));
    for (Map.Entry<String, JsonElement> p : props.entrySet()) {
      String path = prefix + "." + p.getKey();
      fields.add(path);
      if (p.getValue().isJsonObject()) {
        JsonObject ps = resolve(spec, p.getValue().getAsJsonObject());
        describe(path, ps, required.contains(p.getKey()));
        if (Json.bool(p.getValue().getAsJsonObject(), "deprecated")
            || Json.bool(ps, "deprecated")) {
          deprecated.add(path);
        }
        fields(spec, path, ps, depth + 1);
      }
    }
  }

  /** Records the class names of {@code normalized} (the same spec after {@link Normalizer}). */
  void classNames(JsonObject normalized) {
    for (Operation op : Operation.all(normalized)) {
      String key = op.key();
      classNames(normalized, key + " body", op.requestSchema(), 0);
      String ok = op.successStatus();
      if (ok != null) {
        classNames(normalized, key + " response", op.responseSchema(ok), 0);
      }
    }
  }

  private void classNames(JsonObject spec, String path, JsonObject schema, int depth) {
    if (schema == null) {
      return;
    }
    String name = refName(schema);
    if (name != null) {
      classes.put(path, name);
    }
    JsonObject s = resolve(spec, schema);
    JsonObject items = s == null ? null : Json.obj(s, "items");
    if (items != null) {
      classNames(spec, path + "[]", items, depth);
      return;
    }
    JsonObject props = s == null || depth >= MAX_FIELD_DEPTH ? null : Json.obj(s, "properties");
    if (props != null) {
      for (Map.Entry<String, JsonElement> p : props.entrySet()) {
        if (p.getValue().isJsonObject()) {
          classNames(spec, path + "." + p.getKey(), p.getValue().getAsJsonObject(), depth + 1);
        }
      }
    }
  }

  private static String refName(JsonObject schema) {
    String ref = Json.str(schema, "$ref");
    return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** Records the field's type, flags and enum values. */
  private void describe(String name, JsonObject schema, boolean required) {
    if (schema == null) {
      return;
    }
    boolean nullable = Json.bool(schema, "nullable");
    JsonElement t = schema.get("type");
    if (t != null && t.isJsonArray()) {
      // OpenAPI 3.1: ["string", "null"]
      nullable |= Json.strings(t.getAsJsonArray()).contains("null");
    }
    fieldTypes.put(
        name, type(schema) + (required ? " required" : "") + (nullable ? " nullable" : ""));
    JsonArray values = Json.arr(schema, "enum");
    if (values != null) {
      TreeSet<String> vs = new TreeSet<>();
      for (JsonElement v : values) {
        if (!v.isJsonNull()) {
          vs.add(v.isJsonPrimitive() ? v.getAsString() : v.toString());
        }
      }
      enums.put(name, vs);
    }
  }

  /**
   * A compact type: {@code string}, {@code string:date-time}, {@code array<integer>}, {@code
   * object}.
   */
  static String type(JsonObject schema) {
    String t = null;
    JsonElement te = schema.get("type");
    if (te != null && te.isJsonPrimitive()) {
      t = te.getAsString();
    } else if (te != null && te.isJsonArray()) {
      for (String x : Json.strings(te.getAsJsonArray())) {
        if (!x.equals("null")) {
          t = x;
        }
      }
    }
    if (t == null) {
      for (String comp : new String[] {"anyOf", "oneOf"}) {
        if (schema.has(comp)) {
          return "union";
        }
      }
      return schema.has("properties") ? "object" : "any";
    }
    if (t.equals("array")) {
      JsonObject items = Json.obj(schema, "items");
      return "array<" + (items == null ? "any" : type(items)) + ">";
    }
    String format = Json.str(schema, "format");
    return format == null ? t : t + ":" + format;
  }

  /**
   * Follows a local {@code $ref}; the published specs inline everything, but a future one may not.
   */
  private static JsonObject resolve(JsonObject spec, JsonObject schema) {
    JsonObject s = schema;
    for (int hops = 0; s != null && s.has("$ref") && hops < 16; hops++) {
      String ref = Json.str(s, "$ref");
      if (ref == null || !ref.startsWith("#/components/schemas/")) {
        return s;
      }
      s =
          Json.obj(
              Json.obj(Json.obj(spec, "components"), "schemas"),
              ref.substring("#/components/schemas/".length()));
    }
    return s;
  }

  static String sha256(byte[] raw) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(raw);
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format(Locale.ROOT, "%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
