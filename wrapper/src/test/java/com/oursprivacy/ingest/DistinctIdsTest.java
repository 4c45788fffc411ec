package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DistinctIdsTest {
  @Test
  void idsAreVersion4UuidsAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = DistinctIds.next();
      UUID u = UUID.fromString(id);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
      assertThat(seen.add(id)).isTrue();
    }
  }

  @Test
  void threadsDrawDifferentIds() throws InterruptedException {
    Set<String> a = new HashSet<>();
    Thread t =
        new Thread(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                synchronized (a) {
                  a.add(DistinctIds.next());
                }
              }
            });
    t.start();
    Set<String> b = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      b.add(DistinctIds.next());
    }
    t.join();
    synchronized (a) {
      b.retainAll(a);
    }
    assertThat(b).isEmpty();
  }

  @Test
  void aBatchDrawIsVersion4UuidsThatDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int round = 0; round < 1_000; round++) {
      String[] ids = DistinctIds.next(100);
      assertThat(ids).hasSize(100);
      for (String id : ids) {
        UUID u = UUID.fromString(id);
        assertThat(u.version()).isEqualTo(4);
        assertThat(u.variant()).isEqualTo(2);
        assertThat(u.toString()).isEqualTo(id);
        assertThat(seen.add(id)).isTrue();
      }
    }
    assertThat(DistinctIds.next(0)).isEmpty();
  }

  @Test
  void aBatchDrawKeepsEveryOtherBitRandom() {
    // the version and variant bits are set; every other bit must take both values across draws
    long msbOr = 0;
    long msbAnd = -1;
    long lsbOr = 0;
    long lsbAnd = -1;
    for (String id : DistinctIds.next(2_000)) {
      UUID u = UUID.fromString(id);
      msbOr |= u.getMostSignificantBits();
      msbAnd &= u.getMostSignificantBits();
      lsbOr |= u.getLeastSignificantBits();
      lsbAnd &= u.getLeastSignificantBits();
    }
    assertThat(msbOr).isEqualTo(~0xB000L); // all bits but the version's zeros (0100)
    assertThat(msbAnd).isEqualTo(0x4000L);
    assertThat(lsbOr).isEqualTo(0xBFFFFFFFFFFFFFFFL); // variant 10
    assertThat(lsbAnd).isEqualTo(0x8000000000000000L);
  }
}
