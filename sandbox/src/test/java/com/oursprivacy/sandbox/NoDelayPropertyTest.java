package com.oursprivacy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox asks the JDK server for TCP_NODELAY through a JVM-wide system property; it must not
 * leave that property behind for the rest of the application, nor override the application's own.
 */
class NoDelayPropertyTest {
  @AfterEach
  void forget() {
    System.clearProperty(OursSandbox.NODELAY);
  }

  @Test
  void startingLeavesNoPropertyBehind() {
    System.clearProperty(OursSandbox.NODELAY);
    try (OursSandbox sandbox = OursSandbox.start()) {
      assertThat(sandbox.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(System.getProperty(OursSandbox.NODELAY)).isNull();
    }
    assertThat(System.getProperty(OursSandbox.NODELAY)).isNull();
  }

  @Test
  void theApplicationsOwnSettingIsKept() {
    System.setProperty(OursSandbox.NODELAY, "false");
    try (OursSandbox sandbox = OursSandbox.start()) {
      assertThat(sandbox.baseUrl()).startsWith("http://127.0.0.1:");
      assertThat(System.getProperty(OursSandbox.NODELAY)).isEqualTo("false");
    }
    assertThat(System.getProperty(OursSandbox.NODELAY)).isEqualTo("false");
  }
}
