package com.oursprivacy.spring.actuate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The tracker's health on Boot 4, which moved the health API to {@code
 * org.springframework.boot.health.contributor} (module spring-boot-health).
 */
final class Boot4TrackerHealthIndicator implements HealthIndicator {
  private final TrackerHealth health;

  Boot4TrackerHealthIndicator(TrackerHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    return Health.status(health.status()).withDetails(health.details()).build();
  }
}
