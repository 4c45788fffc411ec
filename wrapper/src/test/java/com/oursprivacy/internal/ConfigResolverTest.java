package com.oursprivacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.core.LogLevel;
import com.oursprivacy.errors.OursValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigResolverTest {
  private static final ConfigResolver.Key KEY =
      new ConfigResolver.Key("apiKey(String)", "x.key", "X_KEY");
  private static final ConfigResolver NONE = ConfigResolver.of(k -> null, k -> null);

  private static ConfigResolver with(Map<String, String> props, Map<String, String> env) {
    return ConfigResolver.of(props::get, env::get);
  }

  @Test
  void theBuilderValueWinsThenThePropertyThenTheVariable() {
    ConfigResolver both = with(Map.of("x.key", "prop"), Map.of("X_KEY", "env"));
    assertThat(both.get("explicit", KEY)).isEqualTo("explicit");
    assertThat(both.get(null, KEY)).isEqualTo("prop");
    assertThat(with(Map.of(), Map.of("X_KEY", "env")).get(null, KEY)).isEqualTo("env");
    assertThat(NONE.get(null, KEY)).isNull();
  }

  @Test
  void blankMeansUnsetAtEveryStep() {
    ConfigResolver blankProp = with(Map.of("x.key", "  "), Map.of("X_KEY", " env \n"));
    assertThat(blankProp.lookup(" ", KEY))
        .satisfies(
            v -> {
              assertThat(v.get()).isEqualTo("env");
              assertThat(v.origin()).isEqualTo("environment variable X_KEY");
            });
    assertThat(with(Map.of(), Map.of("X_KEY", "")).get("", KEY)).isNull();
  }

  @Test
  void aMissingSecretNamesTheMethodThePropertyAndTheVariable() {
    assertThatThrownBy(() -> NONE.requireHeaderSecret(null, KEY, "API key"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no API key: call apiKey(String), or set the system property x.key or the environment variable X_KEY");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sk_\r\nX-Evil: 1", "sk_\n", "sk_\u0000x", "sk_\tx", "sk_\u007fx", "sk_\u0085x"})
  void controlCharactersAreRejectedWithoutEchoingTheValue(String value) {
    assertThatThrownBy(() -> NONE.requireHeaderSecret(value, KEY, "API key"))
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("apiKey(String)")
        .hasMessageContaining("not shown")
        .hasMessageNotContaining("sk_")
        .hasMessageNotContaining("Evil");
    assertThatThrownBy(() -> ConfigResolver.checkText(NONE.lookup(value, KEY)))
        .isInstanceOf(OursValidationException.class)
        .hasMessageNotContaining("sk_");
  }

  @Test
  void aControlCharacterFromTheEnvironmentNamesTheVariable() {
    assertThatThrownBy(
            () ->
                with(Map.of(), Map.of("X_KEY", "sk_a\nb"))
                    .requireHeaderSecret(null, KEY, "API key"))
        .hasMessageContaining("environment variable X_KEY")
        .hasMessageContaining("line break")
        .hasMessageNotContaining("sk_a");
  }

  @Test
  void nonAsciiIsRejectedForHeadersButAllowedInBodies() {
    assertThatThrownBy(() -> NONE.requireHeaderSecret("sk_é", KEY, "API key"))
        .isInstanceOf(OursValidationException.class)
        .hasMessageContaining("non-ASCII");
    assertThat(ConfigResolver.checkText(NONE.lookup("tok_é", KEY))).isEqualTo("tok_é");
  }

  @Test
  void theLogLevelIgnoresABlankVariableAndNamesWhereABadOneCameFrom() {
    assertThat(with(Map.of(), Map.of("OURS_PRIVACY_LOG", " ")).logLevel(null))
        .isEqualTo(LogLevel.OFF);
    assertThat(
            with(Map.of("ours.privacy.log", "DEBUG"), Map.of("OURS_PRIVACY_LOG", "info"))
                .logLevel(null))
        .isEqualTo(LogLevel.DEBUG);
    assertThat(with(Map.of("ours.privacy.log", "debug"), Map.of()).logLevel(LogLevel.INFO))
        .isEqualTo(LogLevel.INFO);
    assertThatThrownBy(() -> with(Map.of(), Map.of("OURS_PRIVACY_LOG", "verbose")).logLevel(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment variable OURS_PRIVACY_LOG")
        .hasMessageContaining("off, info, debug")
        .hasMessageNotContaining("verbose");
  }
}
