package com.oursprivacy.ingest;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Decides the mode and the one token a client sends, from the builder, then system properties,
 * then environment variables. In {@link Mode#TEST} the live token is not even kept, so no code
 * path can send it. Never prints a token.
 */
final class Tokens {
  static final String ENV_TOKEN = "OURS_PRIVACY_INGEST_TOKEN";
  static final String ENV_TEST_TOKEN = "OURS_PRIVACY_INGEST_TEST_TOKEN";
  static final String ENV_MODE = "OURS_PRIVACY_INGEST_MODE";

  final Mode mode;
  /** The token every request carries: the test token in TEST mode, the live one in LIVE. */
  final String sendToken;

  private Tokens(Mode mode, String sendToken) {
    this.mode = mode;
    this.sendToken = sendToken;
  }

  /**
   * @param env looks up a variable (System::getenv in production)
   * @param sys looks up a system property (System::getProperty in production)
   * @throws IllegalStateException naming what is missing or wrong (never a token's value)
   */
  static Tokens resolve(
      String token, String testToken, Mode mode, boolean requireTest,
      UnaryOperator<String> env, UnaryOperator<String> sys) {
    String live = first(token, ENV_TOKEN, env, sys);
    String test = first(testToken, ENV_TEST_TOKEN, env, sys);
    Mode m = mode != null ? mode : parseMode(first(null, ENV_MODE, env, sys));
    if (m == null) {
      if (live == null && test == null) {
        throw new IllegalStateException(
            "no ingest token: set token(…) or testToken(…), or " + ENV_TOKEN + " / " + ENV_TEST_TOKEN);
      }
      m = live != null ? Mode.LIVE : Mode.TEST;
    }
    if (requireTest && m != Mode.TEST) {
      throw new IllegalStateException(
          "requireTestMode(): mode is " + m + " (from " + (mode != null ? "the builder" : ENV_MODE)
              + "); live sends are not allowed here");
    }
    if (m == Mode.TEST && test == null) {
      throw new IllegalStateException(
          "mode TEST needs a test token: set testToken(…) or " + ENV_TEST_TOKEN
              + " (the live token is never sent in test mode)");
    }
    if (m == Mode.LIVE && live == null) {
      throw new IllegalStateException("mode LIVE needs a live token: set token(…) or " + ENV_TOKEN);
    }
    String send = m == Mode.TEST ? test : live;
    Validator.token(m == Mode.TEST ? "testToken" : "token", send);
    return new Tokens(m, send);
  }

  private static String first(String explicit, String name, UnaryOperator<String> env, UnaryOperator<String> sys) {
    if (explicit != null) {
      return explicit;
    }
    String v = sys.apply(name);
    if (v == null || v.isBlank()) {
      v = env.apply(name);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static Mode parseMode(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Mode.valueOf(v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(ENV_MODE + " must be LIVE or TEST, was \"" + v + "\"", e);
    }
  }

  @Override
  public String toString() {
    return "Tokens{mode=" + mode + ", token=<redacted>}";
  }
}
