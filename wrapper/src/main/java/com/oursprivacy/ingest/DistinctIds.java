package com.oursprivacy.ingest;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random version-4 UUIDs for {@code distinctId}.
 *
 * <p><b>Why {@link UUID#randomUUID()} and no generator of our own.</b> Ids are deduplication keys:
 * two events with one id are one event to the API. A generator that keeps its own state (the former
 * per-thread {@code SplittableRandom}, seeded once) replays the same sequence in every process
 * restored from one JVM snapshot (CRaC, AWS Lambda SnapStart) and in every copy of a forked
 * process, and the API would silently drop the copies' events as duplicates. {@code
 * UUID.randomUUID()} draws each id from the JDK's shared {@link java.security.SecureRandom}, which
 * reads fresh operating-system entropy ({@code NativePRNG} mixes {@code /dev/urandom} into every
 * call) and which restore-aware JVMs reseed on restore (CRaC's JDK resource, SnapStart's runtime
 * hooks); nothing is buffered here, so no pre-snapshot randomness is ever reused.
 *
 * <p>The cost (a few hundred nanoseconds and a lock inside {@code SecureRandom}) is kept off the
 * caller's thread: the tracker assigns ids on its worker threads, unless the spool needs the id
 * before {@code track} returns. A worker draws a batch's ids at once ({@link #next(int)}): one
 * {@code nextBytes} call on a {@code SecureRandom} of the same default algorithm as {@code UUID}'s,
 * made when the batch is about to be sent, so the bytes are as fresh as with one call per id and
 * nothing is kept for later. In a JFR profile of a tracker run, drawing ids was a third of the
 * worker's CPU; one draw per batch takes about a quarter less per id (the SHA-1 mixing inside
 * {@code NativePRNG} stays, per byte).
 */
final class DistinctIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DistinctIds() {}

  static String next() {
    return UUID.randomUUID().toString();
  }

  /** {@code n} ids like {@link #next()}'s (random version-4 UUIDs), from one draw of randomness. */
  static String[] next(int n) {
    byte[] bytes = new byte[16 * n];
    RANDOM.nextBytes(bytes);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      // the bits UUID.randomUUID() sets: version 4, IETF variant
      long msb = (b.getLong() & ~0xF000L) | 0x4000L;
      long lsb = (b.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      ids[i] = new UUID(msb, lsb).toString();
    }
    return ids;
  }
}
