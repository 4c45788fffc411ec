package com.oursprivacy.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import org.junit.jupiter.api.Test;

class OpenEnumTest {
  private final Gson gson = new Gson();

  /**
   * The README's switch: compiles without Optional and has a branch for values newer than the SDK.
   */
  private static String describe(DestinationStatus status) {
    switch (status.known()) {
      case ENABLED:
        return "on";
      case DISABLED:
        return "off";
      case UNKNOWN:
        return "new status " + status.getValue();
      default:
        throw new AssertionError(status);
    }
  }

  @Test
  void knownValuesSwitchToTheirConstant() {
    DestinationStatus enabled = gson.fromJson("\"Enabled\"", DestinationStatus.class);

    assertThat(enabled).isSameAs(DestinationStatus.ENABLED);
    assertThat(enabled.known()).isEqualTo(DestinationStatus.Known.ENABLED);
    assertThat(describe(enabled)).isEqualTo("on");
  }

  @Test
  void aValueNewerThanTheSdkSwitchesToUnknownAndKeepsItsRawString() {
    DestinationStatus paused = gson.fromJson("\"Paused\"", DestinationStatus.class);

    assertThat(paused.known()).isEqualTo(DestinationStatus.Known.UNKNOWN);
    assertThat(paused.isKnown()).isFalse();
    assertThat(paused.getValue()).isEqualTo("Paused");
    assertThat(describe(paused)).isEqualTo("new status Paused");
    assertThat(gson.toJson(paused)).isEqualTo("\"Paused\"");
    assertThat(DestinationStatus.values()).doesNotContain(paused);
  }
}
