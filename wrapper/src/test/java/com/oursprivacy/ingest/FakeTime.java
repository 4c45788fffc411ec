package com.oursprivacy.ingest;

import com.oursprivacy.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when the tracker "sleeps": back-off is recorded, never waited. */
final class FakeTime extends Clock implements Sleeper {
  private final AtomicLong millis;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  FakeTime(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  FakeTime() {
    this(Instant.parse("2026-03-01T12:00:00Z"));
  }

  @Override
  public void sleep(Duration d) {
    sleeps.add(d);
    millis.addAndGet(d.toMillis());
  }

  void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
