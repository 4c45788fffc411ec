package com.oursprivacy.spring.actuate;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The tracker's health on Boot 3 ({@code org.springframework.boot.actuate.health}). */
final class Boot3TrackerHealthIndicator implements HealthIndicator {
  private final TrackerHealth health;

  Boot3TrackerHealthIndicator(TrackerHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    return Health.status(health.status()).withDetails(health.details()).build();
  }
}
