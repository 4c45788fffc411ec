package com.oursprivacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserAgentFormatTest {
  @Test
  void nonAsciiOrSeparatorPropertiesCannotBreakTheHeader() {
    assertThat(UserAgent.of("1.2.3", "17.0.1", "Linux (é)", "amd64;x"))
        .isEqualTo("ours-privacy-java/1.2.3 (Java 17.0.1; Linux ___ amd64_x)");
    assertThat(UserAgent.of("1.2.3", null, " ", "arm64"))
        .isEqualTo("ours-privacy-java/1.2.3 (Java unknown; unknown arm64)");
  }
}
