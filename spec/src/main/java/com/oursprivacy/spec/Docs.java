package com.oursprivacy.spec;

import com.palantir.javapoet.CodeBlock;

/**
 * Javadoc text for the generated facade. Spec prose goes through {@link #prose} so that HTML,
 * comment terminators and tags in it stay text and the output passes doclint; everything else is
 * written here and is already valid Javadoc.
 */
final class Docs {
  private Docs() {}

  static final String THROWS =
      "@throws com.oursprivacy.errors.OursException on failure: {@link"
          + " com.oursprivacy.errors.OursValidationException} before sending when an argument is"
          + " invalid, an {@link com.oursprivacy.errors.OursApiException} subtype for an error status";

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

  /** Javadoc lines as a block; JavaPoet adds the comment markers. */
  static CodeBlock of(String... lines) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (String l : lines) {
      if (l != null) {
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
