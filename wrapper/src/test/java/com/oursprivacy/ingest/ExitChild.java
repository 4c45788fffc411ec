package com.oursprivacy.ingest;

import java.time.Duration;

/**
 * The child JVM of {@link ExitWithoutCloseTest}: tracks events and leaves {@code main} (or calls
 * {@code System.exit}) without closing the tracker. Prints {@code TRACKED id} per accepted event
 * and {@code ABANDONED id} per abandoned one (reported by the shutdown hook).
 *
 * <p>Arguments: baseUrl count how (return|exit) shutdownTimeoutMs, or {@code ids count}.
 */
public final class ExitChild {
  private ExitChild() {}

  public static void main(String[] a) throws Exception {
    if (a[0].equals("ids")) {
      for (int i = 0; i < Integer.parseInt(a[1]); i++) {
        System.out.println(DistinctIds.next());
      }
      return;
    }
    OursIngest ingest =
        OursIngest.builder()
            .testToken("test-token")
            .baseUrl(a[0])
            .lookups(k -> null, k -> null)
            .build();
    Tracker tracker =
        ingest.tracker(
            TrackerConfig.builder()
                .batchSize(100)
                .flushInterval(Duration.ofSeconds(30))
                .shutdownTimeout(Duration.ofMillis(Long.parseLong(a[3])))
                .listener(
                    o -> {
                      if (o.kind() == Outcome.Kind.ABANDONED) {
                        System.out.println("ABANDONED " + o.distinctId().orElse("?"));
                      }
                    })
                .build());
    int n = Integer.parseInt(a[1]);
    for (int i = 0; i < n; i++) {
      String id = "exit-" + i;
      if (tracker.track(Event.named("Exit").userId("u").distinctId(id))) {
        System.out.println("TRACKED " + id);
      }
    }
    System.out.flush();
    if (a[2].equals("exit")) {
      System.exit(0);
    }
    // main returns: only daemon threads are left, so the JVM exits and runs the hook
  }
}
