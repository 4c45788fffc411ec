package com.oursprivacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.errors.OursValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12 item 7: bad header names and values fail when built, and never echo the value. */
class HeaderValidationTest {
  private static final String KEY = "sk_live_SECRET_0123456789";

  @ParameterizedTest(name = "[{index}] suffix {0}")
  @ValueSource(strings = {"\n", "\r\nX-Injected: 1", "\u0000", "é", "\u2028"})
  void aHeaderValueWithControlOrNonAsciiCharactersIsRefusedWithoutEchoingIt(String suffix) {
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Api-Key", KEY + suffix).build())
        .isInstanceOfSatisfying(
            OursValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("options.header(X-Api-Key)");
              assertThat(e.getMessage()).doesNotContain(KEY).contains("at index " + KEY.length());
            });
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "X Trace", "X-Trace:", "X-Tr\u00e4ce", "X-Trace\n"})
  void aHeaderNameThatIsNotATokenIsRefused(String name) {
    assertThatThrownBy(() -> RequestOptions.builder().header(name, "v"))
        .isInstanceOf(OursValidationException.class);
  }

  // Inside the key: surrounding whitespace is trimmed (a pasted key's newline is not an error).
  @ParameterizedTest(name = "[{index}] inner {0}")
  @ValueSource(strings = {"\n", "\r", "\u00e9"})
  void anApiKeyThatCannotBeAHeaderValueIsRefusedByBuildWithoutEchoingIt(String inner) {
    assertThatThrownBy(
            () ->
                OursPrivacy.builder()
                    .apiKey(KEY + inner + "x")
                    .baseUrl("http://127.0.0.1:1")
                    .build())
        .isInstanceOfSatisfying(
            OursValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("apiKey");
              assertThat(e.getMessage()).doesNotContain(KEY);
            });
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"abc", "Bearer x.y-z", "a\tb", "~!#$%&'*+"})
  void ordinaryHeaderValuesAreAccepted(String value) {
    assertThat(RequestOptions.builder().header("X-Trace", value).build().headers())
        .containsEntry("X-Trace", value);
  }
}
