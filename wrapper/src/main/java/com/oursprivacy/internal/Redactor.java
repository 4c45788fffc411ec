package com.oursprivacy.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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
          "(\"(?:token|testToken|apiKey|api_key|secret|password)\"\\s*:\\s*)\"((?:[^\"\\\\]|\\\\.)*)\"",
          Pattern.CASE_INSENSITIVE);

  /** Shorter values are not masked elsewhere in the text: they would hide ordinary words. */
  private static final int MIN_ECHO_LENGTH = 6;

  private static final Pattern QUERY_SECRET =
      Pattern.compile(
          "([?&](?:token|testToken|apiKey|api_key|access_token|secret|password|signature|sig)=)[^&#]*",
          Pattern.CASE_INSENSITIVE);

  /** How many secrets a client that rotates its credentials keeps masking (the newest ones). */
  static final int MAX_REMEMBERED = 16;

  // Replaced, never mutated: readers on any thread see a complete list.
  private volatile List<String> literals;

  /**
   * @param literals secrets this client knows (the API key), masked wherever they appear
   */
  Redactor(List<String> literals) {
    this.literals = List.copyOf(literals);
  }

  /**
   * Masks {@code secret} from now on as well: a rotated key or an exchanged token. The configured
   * secrets and the {@value #MAX_REMEMBERED} newest stay masked; a secret seen before costs
   * nothing.
   */
  void remember(String secret) {
    if (secret == null || secret.isEmpty()) {
      return;
    }
    List<String> current = literals;
    if (current.contains(secret)) {
      return;
    }
    synchronized (this) {
      List<String> now = new ArrayList<>(literals);
      if (now.contains(secret)) {
        return;
      }
      now.add(secret);
      if (now.size() > MAX_REMEMBERED) {
        now.remove(0);
      }
      literals = List.copyOf(now);
    }
  }

  String text(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    // A secret field's value is often repeated elsewhere in the same body (a source's token inside
    // its installScript, its ingestUrl and sampleCurl): mask every copy, not just the field.
    List<String> echoed = new ArrayList<>();
    Matcher m = JSON_SECRET.matcher(s);
    while (m.find()) {
      if (m.group(2).length() >= MIN_ECHO_LENGTH) {
        echoed.add(m.group(2));
      }
    }
    String out = JSON_SECRET.matcher(s).replaceAll("$1\"" + MASK + "\"");
    for (String secret : echoed) {
      out = out.replace(secret, MASK);
    }
    out = QUERY_SECRET.matcher(out).replaceAll("$1" + MASK);
    for (String secret : literals) {
      if (!secret.isEmpty()) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  String header(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (SECRET_HEADERS.contains(lower)) {
      return MASK;
    }
    return lower.equals("location") || lower.equals("content-location")
        ? text(withoutUserinfo(value))
        : text(value);
  }

  /** Every value of {@code headers} through {@link #header}; the map is a copy. */
  Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          List<String> redacted = new ArrayList<>(values.size());
          values.forEach(v -> redacted.add(header(name, v)));
          out.put(name, redacted);
        });
    return out;
  }

  /** {@code url} without its {@code user:password@} part; anything unparseable is left as it is. */
  static String withoutUserinfo(String url) {
    if (url == null) {
      return null;
    }
    okhttp3.HttpUrl u = okhttp3.HttpUrl.parse(url);
    if (u != null) {
      return u.username().isEmpty() && u.password().isEmpty()
          ? url
          : u.newBuilder().username("").password("").build().toString();
    }
    // A relative or odd Location: drop anything between "//" and "@" by hand.
    return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*:)?//[^/@?#]*@", "$1//");
  }
}
