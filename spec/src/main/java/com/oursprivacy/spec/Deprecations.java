package com.oursprivacy.spec;

import com.google.gson.JsonObject;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;

/**
 * What the spec marks {@code deprecated: true} (an operation, a parameter, a body field) becomes
 * {@code @Deprecated} in the facade, with the spec's wording under {@code @deprecated}. A class
 * that uses anything deprecated (the generated Retrofit stub of a deprecated operation, a model's
 * deprecated accessor) suppresses the warning for itself, so {@code -Werror} builds regenerate with
 * no hand edit.
 */
final class Deprecations {
  private Deprecations() {}

  /**
   * The deprecation note of a spec node (operation, parameter or schema): its description, or a
   * plain sentence when it has none; null when the node is not deprecated.
   */
  static String note(JsonObject node) {
    if (!Json.bool(node, "deprecated")) {
      return null;
    }
    String d = Json.str(node, "description");
    if (d == null) {
      d = Json.str(Json.obj(node, "schema"), "description");
    }
    return d == null || d.isBlank() ? "deprecated by the API" : "deprecated by the API: " + d;
  }

  /** Adds {@code @Deprecated} and its Javadoc tag when {@code note} is not null. */
  static MethodSpec.Builder mark(MethodSpec.Builder m, String note) {
    if (note != null) {
      m.addAnnotation(Deprecated.class).addJavadoc("@deprecated $L\n", Docs.prose(note));
    }
    return m;
  }

  /** {@code @SuppressWarnings("deprecation")} on a class that uses something deprecated. */
  static TypeSpec.Builder suppress(TypeSpec.Builder t, boolean usesDeprecated) {
    if (usesDeprecated) {
      t.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", "$S", "deprecation")
              .build());
    }
    return t;
  }
}
