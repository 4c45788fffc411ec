package com.oursprivacy.ingest;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Random version-4 UUIDs for {@code distinctId}, cheaper on the caller's thread than {@link
 * UUID#randomUUID()}, which draws every id from one shared {@code SecureRandom} (a lock and a
 * read of the OS entropy pool per call). Each thread gets its own generator, seeded once from
 * {@code SecureRandom}, so ids from different threads and processes do not collide in practice;
 * they are deduplication keys, not secrets.
 */
final class DistinctIds {
  private static final SecureRandom SEEDS = new SecureRandom();
  private static final ThreadLocal<SplittableRandom> RANDOM =
      ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

  private DistinctIds() {}

  static String next() {
    SplittableRandom r = RANDOM.get();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lo = (r.nextLong() & ~(0x3L << 62)) | (0x2L << 62); // IETF variant
    return new UUID(hi, lo).toString();
  }
}
