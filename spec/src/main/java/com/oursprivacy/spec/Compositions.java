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
 * Rewrites {@code anyOf}/{@code oneOf}/{@code allOf} into plain schemas, bottom-up.
 *
 * <p>Why: the Java generator turns inline compositions into {@code …AnyOf} wrapper classes with
 * reflective adapters, which leak generator names into the public API. The spec uses composition
 * only for discriminated objects (source tokens: pixel | webhook), enum unions and "string or
 * uuid"; each has a faithful flat form:
 *
 * <ul>
 *   <li>all variants string (enums or not): one string, an enum of the union when every variant is
 *       an enum;
 *   <li>all variants objects: one object with the union of properties, required = the intersection,
 *       a single-valued discriminator widened to the union of its values; the variants are recorded
 *       in {@code x-ours-variants} for the wrapper;
 *   <li>{@code allOf}: the merge of its parts, required = the union;
 *   <li>anything else: an untyped schema (any JSON), with the variants' types recorded.
 * </ul>
 */
final class Compositions {
  private Compositions() {}

  /**
   * Simplifies every composition of a spec: the named schemas first (a variant may be a {@code
   * $ref} to one of them, read in its simplified form), then the operations.
   */
  static void simplifyAll(JsonObject spec) {
    JsonObject schemas = Json.obj(Json.obj(spec, "components"), "schemas");
    simplify(schemas, schemas);
    simplify(spec.get("paths"), schemas);
  }

  static void simplify(JsonElement e) {
    simplify(e, null);
  }

  private static void simplify(JsonElement e, JsonObject schemas) {
    if (e == null) {
      return;
    }
    if (e.isJsonArray()) {
      for (JsonElement x : e.getAsJsonArray()) {
        simplify(x, schemas);
      }
      return;
    }
    if (!e.isJsonObject()) {
      return;
    }
    JsonObject o = e.getAsJsonObject();
    for (Map.Entry<String, JsonElement> en : o.entrySet()) {
      simplify(en.getValue(), schemas);
    }
    for (String key : new String[] {"anyOf", "oneOf"}) {
      JsonArray variants = Json.arr(o, key);
      if (variants != null) {
        o.remove(key);
        JsonObject discriminator = Json.obj(o, "discriminator");
        // the union is flattened: its discriminator lives on as the merged property's enum
        o.remove("discriminator");
        JsonObject merged = union(resolved(variants, schemas), discriminator);
        mergeInto(o, merged);
      }
    }
    JsonArray all = Json.arr(o, "allOf");
    if (all != null) {
      o.remove("allOf");
      mergeInto(o, intersection(resolved(all, schemas)));
    }
  }

  /** The variants with {@code #/components/schemas} references replaced by copies of targets. */
  private static JsonArray resolved(JsonArray variants, JsonObject schemas) {
    JsonArray out = new JsonArray();
    for (JsonElement v : variants) {
      String ref = v.isJsonObject() ? Json.str(v.getAsJsonObject(), "$ref") : null;
      JsonObject target =
          ref != null && ref.startsWith(Normalizer.REF_PREFIX)
              ? Json.obj(schemas, ref.substring(Normalizer.REF_PREFIX.length()))
              : null;
      if (target != null) {
        JsonObject copy = target.deepCopy();
        copy.addProperty("x-ours-variant-of", ref.substring(Normalizer.REF_PREFIX.length()));
        out.add(copy);
      } else {
        out.add(v);
      }
    }
    return out;
  }

  /** Adds the merged schema's keys to the holder, keeping the holder's own description etc. */
  private static void mergeInto(JsonObject holder, JsonObject merged) {
    for (Map.Entry<String, JsonElement> en : merged.entrySet()) {
      if (!holder.has(en.getKey())) {
        holder.add(en.getKey(), en.getValue());
      }
    }
  }

  private static List<JsonObject> objects(JsonArray variants) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement v : variants) {
      if (v.isJsonObject()) {
        out.add(v.getAsJsonObject());
      }
    }
    return out;
  }

  static JsonObject union(JsonArray variants) {
    return union(variants, null);
  }

  /**
   * The flat form of a union; a {@code discriminator} adds the values its {@code mapping} names (or
   * the variants' schema names) to the property's enum, so no variant's value is lost.
   */
  static JsonObject union(JsonArray variants, JsonObject discriminator) {
    List<JsonObject> vs = objects(variants);
    JsonObject out = new JsonObject();
    boolean nullable = false;
    for (JsonObject v : vs) {
      nullable |= Json.bool(v, "nullable");
    }
    if (!vs.isEmpty() && vs.stream().allMatch(v -> "string".equals(Json.str(v, "type")))) {
      out.addProperty("type", "string");
      if (vs.stream().allMatch(v -> Json.arr(v, "enum") != null)) {
        Set<String> values = new LinkedHashSet<>();
        vs.forEach(v -> values.addAll(Json.strings(Json.arr(v, "enum"))));
        out.add("enum", toArray(values));
      } else {
        Set<String> formats = new LinkedHashSet<>();
        vs.forEach(v -> formats.add(String.valueOf(Json.str(v, "format"))));
        if (formats.size() == 1 && !formats.contains("null")) {
          out.addProperty("format", formats.iterator().next());
        }
      }
    } else if (!vs.isEmpty() && vs.stream().allMatch(Compositions::isObjectLike)) {
      mergeObjects(vs, out, false);
      discriminate(out, discriminator, vs);
    } else {
      Set<String> types = new LinkedHashSet<>();
      vs.forEach(v -> types.add(String.valueOf(Json.str(v, "type"))));
      out.add("x-ours-variant-types", toArray(types));
    }
    if (nullable) {
      out.addProperty("nullable", true);
    }
    return out;
  }

  private static void discriminate(JsonObject out, JsonObject discriminator, List<JsonObject> vs) {
    String name = Json.str(discriminator, "propertyName");
    if (name == null) {
      return;
    }
    Set<String> values = new LinkedHashSet<>();
    JsonObject prop = Json.obj(Json.obj(out, "properties"), name);
    if (prop != null) {
      values.addAll(Json.strings(Json.arr(prop, "enum")));
    }
    JsonObject mapping = Json.obj(discriminator, "mapping");
    if (mapping != null) {
      values.addAll(mapping.keySet());
    } else {
      for (JsonObject v : vs) {
        String of = Json.str(v, "x-ours-variant-of");
        if (of != null && (prop == null || Json.arr(prop, "enum") == null)) {
          values.add(of);
        }
      }
    }
    if (values.isEmpty()) {
      return;
    }
    if (prop == null) {
      prop = new JsonObject();
      prop.addProperty("type", "string");
      Json.obj(out, "properties").add(name, prop);
    }
    if ("string".equals(Json.str(prop, "type")) || Json.str(prop, "type") == null) {
      prop.add("enum", toArray(values));
    }
  }

  static JsonObject intersection(JsonArray parts) {
    List<JsonObject> vs = objects(parts);
    JsonObject out = new JsonObject();
    if (vs.size() == 1) {
      return vs.get(0).deepCopy();
    }
    mergeObjects(vs, out, true);
    return out;
  }

  private static boolean isObjectLike(JsonObject v) {
    return "object".equals(Json.str(v, "type")) || Json.obj(v, "properties") != null;
  }

  private static void mergeObjects(List<JsonObject> vs, JsonObject out, boolean requiredUnion) {
    Map<String, JsonObject> props = new LinkedHashMap<>();
    Set<String> required = null;
    JsonArray variantsNote = new JsonArray();
    for (JsonObject v : vs) {
      JsonObject p = Json.obj(v, "properties");
      Set<String> req = new LinkedHashSet<>(Json.strings(Json.arr(v, "required")));
      if (required == null) {
        required = req;
      } else if (requiredUnion) {
        required.addAll(req);
      } else {
        required.retainAll(req);
      }
      if (p == null) {
        continue;
      }
      for (Map.Entry<String, JsonElement> en : p.entrySet()) {
        if (!en.getValue().isJsonObject()) {
          continue;
        }
        JsonObject schema = en.getValue().getAsJsonObject();
        JsonObject prev = props.get(en.getKey());
        if (prev == null) {
          props.put(en.getKey(), schema.deepCopy());
        } else if (Json.arr(prev, "enum") != null && Json.arr(schema, "enum") != null) {
          // a discriminator: each variant fixes one value; the merged field takes any of them
          JsonArray values = Json.arr(prev, "enum").deepCopy();
          for (JsonElement value : Json.arr(schema, "enum")) {
            if (!values.contains(value)) {
              values.add(value);
            }
          }
          prev.add("enum", values);
          if ("boolean".equals(Json.str(prev, "type")) && values.size() >= 2) {
            prev.remove("enum"); // true and false: just a boolean
          }
        } else if (Json.arr(prev, "enum") != null
            && Json.arr(schema, "enum") == null
            && String.valueOf(Json.str(prev, "type"))
                .equals(String.valueOf(Json.str(schema, "type")))) {
          prev.remove("enum"); // one variant constrains the field, another does not
        }
      }
      JsonObject note = new JsonObject();
      note.add("required", toArray(req));
      variantsNote.add(note);
    }
    out.addProperty("type", "object");
    JsonObject p = new JsonObject();
    props.forEach(p::add);
    out.add("properties", p);
    if (required != null && !required.isEmpty()) {
      out.add("required", toArray(required));
    }
    if (!requiredUnion) {
      out.add("x-ours-variants", variantsNote);
    }
  }

  private static JsonArray toArray(Iterable<String> values) {
    JsonArray a = new JsonArray();
    for (String s : values) {
      a.add(new JsonPrimitive(s));
    }
    return a;
  }
}
