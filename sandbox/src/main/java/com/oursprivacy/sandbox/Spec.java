package com.oursprivacy.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One normalized spec read from the sandbox jar: its operations and named schemas. */
final class Spec {
  private static final String[] METHODS = {"get", "post", "put", "patch", "delete"};

  private final JsonObject schemas;
  private final List<Operation> operations;

  private Spec(JsonObject root, String prefix) {
    JsonObject components =
        root.has("components") ? root.getAsJsonObject("components") : new JsonObject();
    this.schemas =
        components.has("schemas") ? components.getAsJsonObject("schemas") : new JsonObject();
    List<Operation> ops = new ArrayList<>();
    for (Map.Entry<String, JsonElement> path : root.getAsJsonObject("paths").entrySet()) {
      JsonObject item = path.getValue().getAsJsonObject();
      for (String m : METHODS) {
        if (item.has(m)) {
          ops.add(
              new Operation(
                  m.toUpperCase(java.util.Locale.ROOT),
                  prefix + path.getKey(),
                  item.getAsJsonObject(m),
                  this));
        }
      }
    }
    // Literal segments win over {id}: /destinations/types before /destinations/{id}.
    ops.sort((a, b) -> Integer.compare(a.templateCount(), b.templateCount()));
    this.operations = Collections.unmodifiableList(ops);
  }

  /** Reads {@code com/oursprivacy/sandbox/openapi/<name>.json}; paths get {@code prefix}. */
  static Spec load(String name, String prefix) {
    String res = "openapi/" + name + ".json";
    try (InputStream in = Spec.class.getResourceAsStream(res)) {
      if (in == null) {
        throw new IllegalStateException(
            "sandbox jar lacks " + res + "; build the spec module first");
      }
      JsonObject root =
          JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
              .getAsJsonObject();
      return new Spec(root, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Operation> operations() {
    return operations;
  }

  /** Follows {@code $ref} chains; returns an empty schema for null. */
  JsonObject resolve(JsonElement schema) {
    if (schema == null || !schema.isJsonObject()) {
      return new JsonObject();
    }
    JsonObject s = schema.getAsJsonObject();
    int guard = 0;
    while (s.has("$ref") && guard++ < 32) {
      String ref = s.get("$ref").getAsString();
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      JsonObject target = schemas.has(name) ? schemas.getAsJsonObject(name) : new JsonObject();
      if (s.size() > 1) {
        // Siblings of $ref (nullable, description) apply on top of the target.
        JsonObject merged = target.deepCopy();
        for (Map.Entry<String, JsonElement> e : s.entrySet()) {
          if (!e.getKey().equals("$ref")) {
            merged.add(e.getKey(), e.getValue());
          }
        }
        s = merged;
      } else {
        s = target;
      }
    }
    return s;
  }

  /** A named schema, or null. */
  JsonObject schema(String name) {
    return name != null && schemas.has(name) ? schemas.getAsJsonObject(name) : null;
  }
}
