package com.oursprivacy.ingest;

import java.time.Duration;

/** Waits out a back-off. Injected so tests can record the schedule instead of sleeping. */
interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration d) throws InterruptedException;
}
