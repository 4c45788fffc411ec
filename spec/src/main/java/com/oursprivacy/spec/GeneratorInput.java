package com.oursprivacy.spec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import java.util.Set;

/**
 * The spec as openapi-generator receives it: the normalized spec with its prose ({@code
 * description}, {@code summary}) made safe for Javadoc.
 *
 * <p>The generator's Java templates paste spec prose into Javadoc as it is, so a description such
 * as {@code UNHEALTHY (<50%)} becomes malformed HTML and the javadoc jar fails under doclint.
 * Escaping belongs here, in the generator's input, rather than in the generated code (never edited)
 * or in {@code platform.json} (read by the facade writer, which escapes on its own through {@link
 * JavaOut#escape}, and by the sandbox, which wants the spec's own text).
 */
final class GeneratorInput {
  private static final Set<String> PROSE = Set.of("description", "summary");

  /** Values, not prose: kept byte for byte. */
  private static final Set<String> DATA = Set.of("example", "examples", "default", "enum", "const");

  private GeneratorInput() {}

  /** A copy of {@code normalized} whose prose is Javadoc-safe; the input is left untouched. */
  static JsonObject of(JsonObject normalized) {
    JsonObject copy = normalized.deepCopy();
    walk(copy);
    return copy;
  }

  /**
   * Spec prose as Javadoc text: HTML metacharacters become entities and {@code @} cannot start a
   * block tag. The generator itself already neutralizes comment terminators and backslashes.
   */
  static String escape(String prose) {
    return prose
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("@", "&#64;");
  }

  private static void walk(JsonElement e) {
    if (e.isJsonArray()) {
      for (JsonElement x : (JsonArray) e) {
        walk(x);
      }
    } else if (e.isJsonObject()) {
      for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
        JsonElement v = en.getValue();
        if (PROSE.contains(en.getKey())
            && v.isJsonPrimitive()
            && v.getAsJsonPrimitive().isString()) {
          en.setValue(new JsonPrimitive(escape(v.getAsString())));
        } else if (!DATA.contains(en.getKey())) {
          walk(v);
        }
      }
    }
  }
}
