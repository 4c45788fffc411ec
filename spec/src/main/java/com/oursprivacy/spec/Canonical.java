package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one form every later step reads (the summary and lock, the normalizer, the annotator, the
 * facade model, the generator and the sandbox): an OpenAPI 3.0 document in which every operation
 * carries all of its parameters. Applied once, right after a spec is parsed.
 *
 * <ul>
 *   <li>path-item parameters are merged into each operation of the item, the operation's own
 *       winning by {@code in}+{@code name}, after the operation's own (where openapi-generator puts
 *       them); {@code #/components/parameters}, {@code requestBodies} and {@code responses}
 *       references are inlined;
 *   <li>OpenAPI 3.1 (JSON Schema 2020-12) becomes the equivalent 3.0: {@code type: [T, "null"]},
 *       {@code null} in {@code enum} and a {@code {type: "null"}} variant of {@code anyOf}/{@code
 *       oneOf} mean {@code nullable}; {@code const} is a one-value {@code enum}; a schema's {@code
 *       examples} array is documentation (its first value becomes {@code example}); numeric {@code
 *       exclusiveMinimum}/{@code exclusiveMaximum} become 3.0's boolean form; annotation siblings
 *       of {@code $ref} are kept;
 *   <li>what has no faithful 3.0 form (tuple {@code prefixItems}, {@code if}/{@code then}/{@code
 *       else}, {@code patternProperties}, {@code dependentSchemas}, {@code $dynamicRef}, a {@code
 *       $ref} with structural siblings) fails with {@link Unreadable}: the keyword and its place,
 *       never a silent downgrade.
 * </ul>
 */
final class Canonical {
  /** A keyword the pipeline cannot read, and where: one line for the build's error. */
  static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** 2020-12 keywords that change a schema's shape and have no 3.0 form. */
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "prefixItems",
          "if",
          "then",
          "else",
          "dependentSchemas",
          "patternProperties",
          "$dynamicRef",
          "$dynamicAnchor",
          "unevaluatedItems");

  /** 2020-12 keywords that only constrain or describe a value: dropped, the shape is unchanged. */
  private static final Set<String> DOCUMENTATION =
      Set.of(
          "$schema",
          "$id",
          "$comment",
          "$anchor",
          "contentMediaType",
          "contentEncoding",
          "dependentRequired",
          "propertyNames",
          "unevaluatedProperties",
          "contains",
          "minContains",
          "maxContains");

  /** What may stand beside a {@code $ref} without changing the referenced shape. */
  private static final Set<String> REF_SIBLINGS =
      Set.of(
          "description",
          "summary",
          "title",
          "deprecated",
          "readOnly",
          "writeOnly",
          "default",
          "example",
          "examples",
          "nullable");

  private final JsonObject spec;
  private final boolean v31;

  private Canonical(JsonObject spec) {
    this.spec = spec;
    String version = Json.str(spec, "openapi");
    this.v31 = version != null && version.startsWith("3.1");
  }

  /** The canonical form of {@code spec}, a copy; throws {@link Unreadable}. */
  static JsonObject of(JsonObject spec) {
    JsonObject copy = spec.deepCopy();
    new Canonical(copy).run();
    return copy;
  }

  private void run() {
    if (v31) {
      spec.addProperty("openapi", "3.0.3");
      spec.remove("jsonSchemaDialect");
      spec.remove("webhooks");
      JsonObject info = Json.obj(spec, "info");
      if (info != null) {
        info.remove("summary");
        JsonObject license = Json.obj(info, "license");
        if (license != null) {
          license.remove("identifier");
          if (!license.has("name")) {
            info.remove("license");
          }
        }
      }
      JsonObject components = Json.obj(spec, "components");
      if (components != null) {
        components.remove("pathItems");
      }
    }
    walk(spec, "#");
    mergePathParameters();
  }

  // ---- path-item parameters ---------------------------------------------------------------

  private void mergePathParameters() {
    JsonObject paths = Json.obj(spec, "paths");
    if (paths == null) {
      return;
    }
    for (Map.Entry<String, JsonElement> p : paths.entrySet()) {
      if (!p.getValue().isJsonObject()) {
        continue;
      }
      JsonObject item = p.getValue().getAsJsonObject();
      JsonArray shared = Json.arr(item, "parameters");
      item.remove("parameters");
      for (Map.Entry<String, JsonElement> m : item.entrySet()) {
        if (!Operation.HTTP_METHODS.contains(m.getKey()) || !m.getValue().isJsonObject()) {
          continue;
        }
        JsonObject op = m.getValue().getAsJsonObject();
        inlineReferences(op, p.getKey());
        Map<String, JsonObject> merged = new LinkedHashMap<>();
        for (JsonElement e : iterable(Json.arr(op, "parameters"))) {
          JsonObject param = parameter(e, p.getKey());
          merged.putIfAbsent(Json.str(param, "in") + ":" + Json.str(param, "name"), param);
        }
        for (JsonElement e : iterable(shared)) {
          JsonObject param = parameter(e, p.getKey()).deepCopy();
          merged.putIfAbsent(Json.str(param, "in") + ":" + Json.str(param, "name"), param);
        }
        if (!merged.isEmpty()) {
          JsonArray out = new JsonArray();
          merged.values().forEach(out::add);
          op.add("parameters", out);
        }
      }
    }
  }

  /**
   * {@code requestBody} and responses given as {@code #/components/requestBodies} and {@code
   * #/components/responses} references become copies of their targets: every later step reads an
   * operation's body and results in place.
   */
  private void inlineReferences(JsonObject op, String path) {
    JsonObject body = Json.obj(op, "requestBody");
    if (body != null && body.has("$ref")) {
      op.add("requestBody", component(body, "requestBodies", path));
    }
    JsonObject responses = Json.obj(op, "responses");
    if (responses != null) {
      for (Map.Entry<String, JsonElement> r : responses.entrySet()) {
        if (r.getValue().isJsonObject() && r.getValue().getAsJsonObject().has("$ref")) {
          r.setValue(component(r.getValue().getAsJsonObject(), "responses", path));
        }
      }
    }
  }

  private JsonObject component(JsonObject ref, String section, String path) {
    String target = Json.str(ref, "$ref");
    String prefix = "#/components/" + section + "/";
    JsonObject found =
        target != null && target.startsWith(prefix)
            ? Json.obj(
                Json.obj(Json.obj(spec, "components"), section), target.substring(prefix.length()))
            : null;
    if (found == null) {
      throw new Unreadable("'$ref' " + target + " in path " + path + " is not found");
    }
    return found.deepCopy();
  }

  /** A parameter object, a {@code #/components/parameters} reference inlined. */
  private JsonObject parameter(JsonElement e, String path) {
    if (!e.isJsonObject()) {
      throw new Unreadable("a parameter of path " + path + " is not an object");
    }
    JsonObject p = e.getAsJsonObject();
    String ref = Json.str(p, "$ref");
    if (ref == null) {
      return p;
    }
    String prefix = "#/components/parameters/";
    JsonObject target =
        ref.startsWith(prefix)
            ? Json.obj(
                Json.obj(Json.obj(spec, "components"), "parameters"),
                ref.substring(prefix.length()))
            : null;
    if (target == null) {
      throw new Unreadable("'$ref' " + ref + " of a parameter of path " + path + " is not found");
    }
    return target.deepCopy();
  }

  // ---- schemas ----------------------------------------------------------------------------

  /** Finds the schemas of a non-schema object (document, operation, media type …). */
  private void walk(JsonObject o, String place) {
    for (Map.Entry<String, JsonElement> en : o.entrySet()) {
      String k = en.getKey();
      JsonElement v = en.getValue();
      String here = place + "/" + pointer(k);
      if (k.equals("example") || k.equals("examples") || k.startsWith("x-")) {
        continue; // data, not structure
      }
      if (k.equals("schema") && v.isJsonObject()) {
        schema(v.getAsJsonObject(), here);
      } else if (k.equals("schemas") && place.equals("#/components") && v.isJsonObject()) {
        for (Map.Entry<String, JsonElement> s : v.getAsJsonObject().entrySet()) {
          if (s.getValue().isJsonObject()) {
            schema(s.getValue().getAsJsonObject(), here + "/" + pointer(s.getKey()));
          }
        }
      } else if (v.isJsonObject()) {
        walk(v.getAsJsonObject(), here);
      } else if (v.isJsonArray()) {
        int i = 0;
        for (JsonElement x : v.getAsJsonArray()) {
          if (x.isJsonObject()) {
            walk(x.getAsJsonObject(), here + "/" + i);
          }
          i++;
        }
      }
    }
  }

  private void schema(JsonObject s, String place) {
    for (String k : new ArrayList<>(s.keySet())) {
      if (UNSUPPORTED.contains(k)) {
        throw new Unreadable("keyword '" + k + "' at " + place + " has no OpenAPI 3.0 form");
      }
      if (DOCUMENTATION.contains(k)) {
        s.remove(k);
      }
    }
    JsonArray examples = Json.arr(s, "examples");
    if (examples != null) {
      s.remove("examples");
      if (!s.has("example") && examples.size() > 0) {
        s.add("example", examples.get(0));
      }
    }
    if (s.has("$ref")) {
      for (String k : s.keySet()) {
        if (!k.equals("$ref") && !REF_SIBLINGS.contains(k) && !k.startsWith("x-")) {
          throw new Unreadable(
              "keyword '" + k + "' beside '$ref' at " + place + " (only annotations may be)");
        }
      }
      return;
    }
    typeArray(s, place);
    if (s.has("const")) {
      JsonElement c = s.remove("const");
      if (c.isJsonNull()) {
        s.addProperty("nullable", true);
      } else if (!s.has("enum")) {
        JsonArray values = new JsonArray();
        values.add(c);
        s.add("enum", values);
        if (!s.has("type") && c.isJsonPrimitive()) {
          s.addProperty("type", jsonType(c.getAsJsonPrimitive()));
        }
      }
    }
    JsonArray values = Json.arr(s, "enum");
    if (values != null && values.contains(com.google.gson.JsonNull.INSTANCE)) {
      JsonArray kept = new JsonArray();
      values.forEach(
          v -> {
            if (!v.isJsonNull()) {
              kept.add(v);
            }
          });
      s.addProperty("nullable", true);
      if (kept.size() == 0) {
        s.remove("enum");
      } else {
        s.add("enum", kept);
      }
    }
    exclusive(s, "exclusiveMinimum", "minimum");
    exclusive(s, "exclusiveMaximum", "maximum");
    JsonObject props = Json.obj(s, "properties");
    if (props != null) {
      for (Map.Entry<String, JsonElement> p : props.entrySet()) {
        if (p.getValue().isJsonObject()) {
          schema(p.getValue().getAsJsonObject(), place + "/properties/" + pointer(p.getKey()));
        }
      }
    }
    for (String k : new String[] {"items", "additionalProperties", "not"}) {
      JsonObject sub = Json.obj(s, k);
      if (sub != null) {
        schema(sub, place + "/" + k);
      }
    }
    for (String k : new String[] {"allOf", "anyOf", "oneOf"}) {
      JsonArray vs = Json.arr(s, k);
      if (vs == null) {
        continue;
      }
      for (int i = 0; i < vs.size(); i++) {
        if (vs.get(i).isJsonObject()) {
          schema(vs.get(i).getAsJsonObject(), place + "/" + k + "/" + i);
        }
      }
      if (!k.equals("allOf")) {
        nullVariant(s, k, vs);
      }
    }
  }

  /** {@code type: ["string", "null"]}: a nullable string; several types: a union of them. */
  private static void typeArray(JsonObject s, String place) {
    JsonArray types = Json.arr(s, "type");
    if (types == null) {
      JsonElement t = s.get("type");
      if (t != null && t.isJsonPrimitive() && "null".equals(t.getAsString())) {
        s.remove("type");
        s.addProperty("nullable", true);
      }
      return;
    }
    Set<String> kept = new LinkedHashSet<>(Json.strings(types));
    boolean nullable = kept.remove("null");
    s.remove("type");
    if (nullable) {
      s.addProperty("nullable", true);
    }
    if (kept.size() == 1) {
      s.addProperty("type", kept.iterator().next());
    } else if (kept.size() > 1) {
      if (s.has("anyOf") || s.has("oneOf")) {
        throw new Unreadable("keyword 'type' with several types beside a union at " + place);
      }
      JsonArray variants = new JsonArray();
      for (String t : kept) {
        JsonObject v = new JsonObject();
        v.addProperty("type", t);
        variants.add(v);
      }
      s.add("anyOf", variants);
    }
  }

  /**
   * {@code anyOf: [X, {type: "null"}]}: X, nullable. A lone remaining {@code $ref} stays a {@code
   * $ref} beside the holder's annotations.
   */
  private static void nullVariant(JsonObject s, String key, JsonArray vs) {
    JsonArray kept = new JsonArray();
    boolean nullable = false;
    for (JsonElement v : vs) {
      if (v.isJsonObject() && isNullOnly(v.getAsJsonObject())) {
        nullable = true;
      } else {
        kept.add(v);
      }
    }
    if (!nullable) {
      return;
    }
    s.addProperty("nullable", true);
    if (kept.size() == 1 && kept.get(0).isJsonObject()) {
      s.remove(key);
      for (Map.Entry<String, JsonElement> en : kept.get(0).getAsJsonObject().entrySet()) {
        if (!s.has(en.getKey())) {
          s.add(en.getKey(), en.getValue());
        }
      }
    } else {
      s.add(key, kept);
    }
  }

  /** What the null variant became after {@link #typeArray}: only {@code nullable: true}. */
  private static boolean isNullOnly(JsonObject v) {
    for (String k : v.keySet()) {
      if (!k.equals("nullable") && !k.equals("description") && !k.equals("title")) {
        return false;
      }
    }
    return Json.bool(v, "nullable");
  }

  private static void exclusive(JsonObject s, String keyword, String bound) {
    JsonElement e = s.get(keyword);
    if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      s.add(bound, e);
      s.addProperty(keyword, true);
    }
  }

  private static String jsonType(JsonPrimitive p) {
    if (p.isBoolean()) {
      return "boolean";
    }
    if (p.isNumber()) {
      return p.getAsString().matches("-?\\d+") ? "integer" : "number";
    }
    return "string";
  }

  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static Iterable<JsonElement> iterable(JsonArray a) {
    return a == null ? List.of() : a;
  }
}
