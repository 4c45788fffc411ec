package com.oursprivacy.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** A tiny indenting source writer; the facade is plain text, so a template engine is not worth a dependency. */
final class JavaOut {
  static final Set<String> KEYWORDS =
      Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
          "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
          "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
          "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
          "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
          "volatile", "while", "true", "false", "null", "var", "record", "yield");

  private final StringBuilder sb = new StringBuilder();
  private int indent;

  JavaOut line(String s) {
    if (s.startsWith("}")) {
      indent--;
    }
    for (int i = 0; i < indent; i++) {
      sb.append("  ");
    }
    sb.append(s).append('\n');
    if (s.endsWith("{")) {
      indent++;
    }
    return this;
  }

  JavaOut blank() {
    sb.append('\n');
    return this;
  }

  /** A Javadoc comment; spec prose inside it must go through {@link #escape} first. */
  JavaOut doc(String text) {
    line("/**");
    for (String l : text.split("\n")) {
      line(" * " + l.strip());
    }
    line(" */");
    return this;
  }

  /** Spec prose made inert inside Javadoc: comment terminators, HTML and tags. */
  static String escape(String s) {
    return s.replace("*/", "*&#47;").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("@", "&#64;").replace("\\u", "\\\\u");
  }

  static String str(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  void write(Path root, String pkg, String cls) {
    Path file = root.resolve(pkg.replace('.', '/')).resolve(cls + ".java");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
