package com.oursprivacy.ingest;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Decides the mode and the one token a client sends, from the builder, then system properties
 * ({@code ours.privacy.ingest.token}, {@code .testToken}, {@code .mode}), then environment
 * variables ({@code OURS_PRIVACY_INGEST_TOKEN}, {@code _TEST_TOKEN}, {@code _MODE}). In {@link Mode#TEST} the live token is not even kept, so no code
 * path can send it. Never prints a token.
 */
final class Tokens {
  static final String ENV_TOKEN = "OURS_PRIVACY_INGEST_TOKEN";
  static final String ENV_TEST_TOKEN = "OURS_PRIVACY_INGEST_TEST_TOKEN";
  static final String ENV_MODE = "OURS_PRIVACY_INGEST_MODE";
  static final String PROP_TOKEN = "ours.privacy.ingest.token";
  static final String PROP_TEST_TOKEN = "ours.privacy.ingest.testToken";
  static final String PROP_MODE = "ours.privacy.ingest.mode";

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
    String live = first(token, PROP_TOKEN, ENV_TOKEN, env, sys);
    String test = first(testToken, PROP_TEST_TOKEN, ENV_TEST_TOKEN, env, sys);
    Mode m = mode != null ? mode : parseMode(first(null, PROP_MODE, ENV_MODE, env, sys));
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

  private static String first(
      String explicit, String prop, String var, UnaryOperator<String> env, UnaryOperator<String> sys) {
    if (explicit != null) {
      return explicit;
    }
    String v = sys.apply(prop);
    if (v == null || v.isBlank()) {
      v = env.apply(var);
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
      throw new IllegalStateException(
          PROP_MODE + " / " + ENV_MODE + " must be LIVE or TEST, was \"" + v + "\"", e);
    }
  }

  @Override
  public String toString() {
    return "Tokens{mode=" + mode + ", token=<redacted>}";
  }
}
