package com.oursprivacy.kafka.connect;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The properties blocks of docs/kafka-connect.md, read as a user would copy them. */
final class DocsConfig {
  static final Path DOC = Path.of("..", "docs", "kafka-connect.md");

  private DocsConfig() {}

  /** The {@code ```properties} block after {@code <!-- kafka-connect:NAME -->}. */
  static Map<String, String> block(String name) {
    try {
      String doc = Files.readString(DOC, StandardCharsets.UTF_8);
      String marker = "<!-- kafka-connect:" + name + " -->";
      int at = doc.indexOf(marker);
      if (at < 0) {
        throw new IllegalStateException(DOC + " has no " + marker);
      }
      int start = doc.indexOf("```properties\n", at) + "```properties\n".length();
      int end = doc.indexOf("```", start);
      return load(doc.substring(start, end));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> load(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }
}
