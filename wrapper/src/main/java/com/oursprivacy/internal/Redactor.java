package com.oursprivacy.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Removes secrets from text that is about to be logged or put in an exception message. */
final class Redactor {
  static final String MASK = "[redacted]";

  /** Headers whose values are credentials. */
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  // JSON string members whose names mark them as secrets, wherever they are nested. A regex and
  // not a parser, because bodies that are logged may be truncated or not JSON at all.
  private static final Pattern JSON_SECRET =
      Pattern.compile(
          "(\"(?:token|testToken|apiKey|api_key|secret|password)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern QUERY_SECRET =
      Pattern.compile("([?&](?:token|testToken|apiKey|api_key)=)[^&#]*", Pattern.CASE_INSENSITIVE);

  private final List<String> literals;

  /** @param literals secrets this client knows (the API key), masked wherever they appear */
  Redactor(List<String> literals) {
    this.literals = List.copyOf(literals);
  }

  String text(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    String out = JSON_SECRET.matcher(s).replaceAll("$1\"" + MASK + "\"");
    out = QUERY_SECRET.matcher(out).replaceAll("$1" + MASK);
    for (String secret : literals) {
      if (!secret.isEmpty()) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  String header(String name, String value) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? MASK : text(value);
  }
}
