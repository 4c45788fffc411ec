package com.oursprivacy.spec;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the hand-written spec fragments under {@code src/test/resources/fragments}. */
final class Fragments {
  private Fragments() {}

  static String text(String name) {
    try (InputStream in = Fragments.class.getResourceAsStream("/fragments/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fragment " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject json(String name) {
    return JsonParser.parseString(text(name)).getAsJsonObject();
  }

  /** The fragment, normalized and annotated. */
  static JsonObject prepared(String name) {
    return SpecPipeline.prepare(json(name));
  }

  static JsonObject schemas(JsonObject spec) {
    return spec.getAsJsonObject("components").getAsJsonObject("schemas");
  }

  static JsonObject op(JsonObject spec, String path, String method) {
    return spec.getAsJsonObject("paths").getAsJsonObject(path).getAsJsonObject(method);
  }

  static String ref(JsonObject schema) {
    String r = schema.get("$ref").getAsString();
    return r.substring(r.lastIndexOf('/') + 1);
  }
}
