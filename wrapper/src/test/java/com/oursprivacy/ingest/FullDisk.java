package com.oursprivacy.ingest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A disk that fills on demand: while {@link #full}, creating the spool's next segment fails with
 * {@code No space left on device} (the preallocation is where a full disk shows), as does every
 * failure {@link #failNext} asks for. Its clock is a number the test moves; {@link #beforeDiscard}
 * runs before a segment is deleted (a crash snapshot).
 */
final class FullDisk extends SpoolDisk {
  volatile boolean full;
  final AtomicInteger failNext = new AtomicInteger();
  final AtomicInteger preparations = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();
  final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
  volatile Runnable beforeDiscard = () -> {};

  @Override
  FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
    if (options.contains(StandardOpenOption.CREATE)
        && file.getFileName().toString().equals(Spool.PREPARED)) {
      preparations.incrementAndGet();
      if (full || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failures.incrementAndGet();
        throw new IOException("No space left on device");
      }
    }
    return super.open(file, options);
  }

  @Override
  void discard(Path segment) throws IOException {
    beforeDiscard.run();
    super.discard(segment);
  }

  @Override
  long nanoTime() {
    return nanos.get();
  }

  /** Moves the clock past any back-off of the spool. */
  void later() {
    nanos.addAndGet(Spool.MAX_PREPARE_BACKOFF_NANOS);
  }
}
