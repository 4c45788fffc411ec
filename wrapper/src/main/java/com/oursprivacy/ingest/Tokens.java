package com.oursprivacy.ingest;

import com.oursprivacy.errors.OursException;
import com.oursprivacy.internal.ConfigResolver;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides the mode and the one token a client sends, from the builder, then system properties
 * ({@code ours.privacy.ingest.token}, {@code .testToken}, {@code .mode}), then environment
 * variables ({@code OURS_PRIVACY_INGEST_TOKEN}, {@code _TEST_TOKEN}, {@code _MODE}), through the
 * shared {@link ConfigResolver}. In {@link Mode#TEST} the live token is not even kept, so no code
 * path can send it. Never prints a token.
 */
final class Tokens {
  static final String ENV_TOKEN = "OURS_PRIVACY_INGEST_TOKEN";
  static final String ENV_TEST_TOKEN = "OURS_PRIVACY_INGEST_TEST_TOKEN";
  static final String ENV_MODE = "OURS_PRIVACY_INGEST_MODE";
  static final String PROP_TOKEN = "ours.privacy.ingest.token";
  static final String PROP_TEST_TOKEN = "ours.privacy.ingest.testToken";
  static final String PROP_MODE = "ours.privacy.ingest.mode";

  static final ConfigResolver.Key TOKEN =
      new ConfigResolver.Key("token(String)", PROP_TOKEN, ENV_TOKEN);
  static final ConfigResolver.Key TEST_TOKEN =
      new ConfigResolver.Key("testToken(String)", PROP_TEST_TOKEN, ENV_TEST_TOKEN);
  static final ConfigResolver.Key MODE = new ConfigResolver.Key("mode(Mode)", PROP_MODE, ENV_MODE);

  final Mode mode;

  /**
   * The token every request carries: the test token in TEST mode, the live one in LIVE; with a
   * {@link #supplier}, the value it returned when the client was built.
   */
  final String sendToken;

  /** Asked before every request when set: the token rotates without rebuilding the client. */
  private final @Nullable Supplier<String> supplier;

  private Tokens(Mode mode, String sendToken, @Nullable Supplier<String> supplier) {
    this.mode = mode;
    this.sendToken = sendToken;
    this.supplier = supplier;
  }

  /**
   * Tokens read from {@code supplier} before every request, for a mode given explicitly (builder,
   * property or variable): a supplier does not say which kind of token it returns. It is asked once
   * now, so that a supplier that cannot work fails the build.
   *
   * @throws IllegalStateException when no mode is set, or requireTestMode() meets LIVE
   */
  static Tokens supplied(
      Supplier<String> supplier, @Nullable Mode mode, boolean requireTest, ConfigResolver config) {
    Mode m = mode;
    if (m == null) {
      ConfigResolver.Value v = config.lookup(null, MODE);
      if (v == null) {
        throw new IllegalStateException(
            "tokenSupplier(…) needs the mode of the tokens it returns: " + MODE.howToSet());
      }
      m = parseMode(v);
    }
    if (requireTest && m != Mode.TEST) {
      throw new IllegalStateException(
          "requireTestMode(): mode is " + m + "; live sends are not allowed here");
    }
    return new Tokens(m, read(supplier), supplier);
  }

  /** Whether the token may change between requests. */
  boolean changes() {
    return supplier != null;
  }

  /**
   * The token to send now.
   *
   * @throws com.oursprivacy.errors.OursException naming {@code tokenSupplier} when the supplier
   *     fails or returns a token the API would refuse (never quoting it)
   */
  String current() {
    return supplier == null ? sendToken : read(supplier);
  }

  private static String read(Supplier<String> supplier) {
    String t;
    try {
      t = supplier.get();
    } catch (RuntimeException e) {
      // The supplier's own message is not ours to vouch for: it may quote the token.
      throw new OursException(
          "tokenSupplier: the token supplier failed (" + e.getClass().getName() + ")", e);
    }
    String trimmed = Validator.required("tokenSupplier", t).trim();
    ConfigResolver.checkText("tokenSupplier", trimmed);
    return Validator.token("tokenSupplier", trimmed);
  }

  /**
   * @throws IllegalStateException naming what is missing or wrong (never a token's value)
   * @throws IllegalArgumentException when the token to send contains a control character
   */
  static Tokens resolve(
      @Nullable String token,
      @Nullable String testToken,
      @Nullable Mode mode,
      boolean requireTest,
      ConfigResolver config) {
    ConfigResolver.Value live = config.lookup(token, TOKEN);
    ConfigResolver.Value test = config.lookup(testToken, TEST_TOKEN);
    Mode m = mode;
    String modeOrigin = "mode(Mode)";
    if (m == null) {
      ConfigResolver.Value v = config.lookup(null, MODE);
      if (v != null) {
        m = parseMode(v);
        modeOrigin = v.origin();
      }
    }
    if (m == null) {
      if (live == null && test == null) {
        throw new IllegalStateException(
            "no ingest token: " + TOKEN.howToSet() + "; for test mode " + TEST_TOKEN.howToSet());
      }
      m = live != null ? Mode.LIVE : Mode.TEST;
      modeOrigin =
          live != null
              ? "no mode was set and a live token came from " + live.origin()
              : "no mode was set and only a test token was found";
    }
    if (requireTest && m != Mode.TEST) {
      throw new IllegalStateException(
          "requireTestMode(): mode is "
              + m
              + " ("
              + modeOrigin
              + "); live sends are not allowed here");
    }
    if (m == Mode.TEST && test == null) {
      throw new IllegalStateException(
          "mode TEST needs a test token: "
              + TEST_TOKEN.howToSet()
              + " (the live token is never sent in test mode)");
    }
    if (m == Mode.LIVE && live == null) {
      throw new IllegalStateException("mode LIVE needs a live token: " + TOKEN.howToSet());
    }
    ConfigResolver.Value send = m == Mode.TEST ? test : live;
    String checked = ConfigResolver.checkText(send);
    Validator.token(m == Mode.TEST ? "testToken" : "token", checked);
    return new Tokens(m, checked, null);
  }

  private static Mode parseMode(ConfigResolver.Value v) {
    String name = ConfigResolver.checkText(v); // before echoing it below
    try {
      return Mode.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          v.origin() + " must be LIVE or TEST, was \"" + name + "\"", e);
    }
  }

  @Override
  public String toString() {
    return "Tokens{mode=" + mode + ", token=<redacted>}";
  }
}
