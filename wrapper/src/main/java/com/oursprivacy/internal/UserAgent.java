package com.oursprivacy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code User-Agent} both clients send: {@code ours-privacy-java/<version> (Java <version>;
 * <os>)}. The SDK version comes from {@code sdk.properties}, written by the build from the POM's
 * version, so it cannot drift from the released artifact. <b>Internal, no compatibility
 * guarantee.</b>
 */
public final class UserAgent {
  /** The SDK's version as the build wrote it, e.g. {@code 0.1.0}. */
  public static final String SDK_VERSION = readVersion();

  /** The header value, computed once per JVM. */
  public static final String VALUE =
      of(
          SDK_VERSION,
          System.getProperty("java.version"),
          System.getProperty("os.name"),
          System.getProperty("os.arch"));

  private UserAgent() {}

  static String of(String sdkVersion, String javaVersion, String osName, String osArch) {
    return "ours-privacy-java/"
        + sdkVersion
        + " (Java "
        + clean(javaVersion)
        + "; "
        + clean(osName)
        + " "
        + clean(osArch)
        + ")";
  }

  /** OkHttp rejects non-ASCII header values; a JVM property must never break a request. */
  private static String clean(String s) {
    if (s == null || s.isBlank()) {
      return "unknown";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.strip().toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f && c != '(' && c != ')' && c != ';' ? c : '_');
    }
    return sb.toString();
  }

  private static String readVersion() {
    Properties p = new Properties();
    try (InputStream in = UserAgent.class.getResourceAsStream("sdk.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "com/oursprivacy/internal/sdk.properties missing from the SDK jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = p.getProperty("version", "").trim();
    if (v.isEmpty() || v.startsWith("${")) {
      throw new IllegalStateException("sdk.properties was not filtered by the build: version=" + v);
    }
    return v;
  }
}
