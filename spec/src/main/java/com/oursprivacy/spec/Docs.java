package com.oursprivacy.spec;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * Javadoc text for the generated facade. Spec prose goes through {@link #prose} so that HTML,
 * comment terminators and tags in it stay text and the output passes doclint; everything else is
 * written here and is already valid Javadoc.
 */
final class Docs {
  private Docs() {}

  static final ClassName OURS_EXCEPTION = ClassName.get("com.oursprivacy.errors", "OursException");
  static final ClassName VALIDATION =
      ClassName.get("com.oursprivacy.errors", "OursValidationException");
  static final ClassName API_EXCEPTION =
      ClassName.get("com.oursprivacy.errors", "OursApiException");

  /** The {@code @throws} line of a blocking operation; links resolved by JavaPoet. */
  static final CodeBlock THROWS =
      CodeBlock.of(
          "@throws $T on failure: {@link $T} before sending when an argument is invalid, an {@link"
              + " $T} subtype for an error status",
          OURS_EXCEPTION,
          VALIDATION,
          API_EXCEPTION);

  /** Spec prose made inert inside Javadoc: comment terminators, HTML, tags, unicode escapes. */
  static String prose(String s) {
    if (s == null) {
      return "";
    }
    return s.strip()
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("*/", "*&#47;")
        .replace("@", "&#64;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("\\u", "&#92;u");
  }

  /**
   * Javadoc lines as a block; JavaPoet adds the comment markers. A line is a {@code String} (taken
   * literally) or a {@link CodeBlock} (whose {@code $T} links JavaPoet imports or qualifies); null
   * lines are skipped.
   */
  static CodeBlock of(Object... lines) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (Object l : lines) {
      if (l instanceof CodeBlock c) {
        b.add(c).add("\n");
      } else if (l != null) {
        b.add("$L\n", l);
      }
    }
    return b.build();
  }

  /** A sentence built from prose, or the fallback when the spec has none. */
  static String sentence(String prose, String fallback) {
    String p = prose(prose);
    return p.isEmpty() ? fallback : p;
  }
}
