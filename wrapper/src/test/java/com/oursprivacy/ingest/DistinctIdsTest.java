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
}
