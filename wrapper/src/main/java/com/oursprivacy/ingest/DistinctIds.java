package com.oursprivacy.ingest;

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
 * before {@code track} returns.
 */
final class DistinctIds {
  private DistinctIds() {}

  static String next() {
    return UUID.randomUUID().toString();
  }
}
