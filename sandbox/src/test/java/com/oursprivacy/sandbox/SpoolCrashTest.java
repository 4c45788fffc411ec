package com.oursprivacy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash-safe spool against {@code kill -9}: a child JVM tracks events with the spool on and is
 * killed at a random moment, five times over one spool directory; a last run drains it. Every event
 * whose {@code track} returned true must then be in the sandbox, once (the sandbox deduplicates by
 * distinctId, as the API does).
 */
class SpoolCrashTest {
  @TempDir Path dir;

  @Test
  void everyAcceptedEventIsDeliveredExactlyOnceAcrossFiveKillNines() throws Exception {
    Random random = new Random();
    long seed = random.nextLong();
    random.setSeed(seed);
    try (OursSandbox sandbox = OursSandbox.start()) {
      String source = sandbox.createSource("crash");
      Set<String> accepted = new HashSet<>();
      List<Long> killedAfter = new ArrayList<>();
      for (int run = 0; run < 5; run++) {
        long delay = 200L + random.nextInt(1_200);
        killedAfter.add(delay);
        accepted.addAll(runChild(sandbox, source, String.valueOf(run), delay));
      }
      List<String> drained = runChild(sandbox, source, "drain", -1);
      Set<String> delivered =
          sandbox.ingest().testEvents().stream()
              .map(RecordedEvent::distinctId)
              .collect(Collectors.toSet());
      System.out.printf(
          "spool crash test (seed %d): killed after %s ms; accepted %d, delivered %d, "
              + "resent duplicates seen by the sandbox %d; drain: %s%n",
          seed,
          killedAfter,
          accepted.size(),
          delivered.size(),
          sandbox.ingest().duplicates(),
          drained);

      assertThat(accepted).hasSizeGreaterThan(100);
      Set<String> missing = new HashSet<>(accepted);
      missing.removeAll(delivered);
      assertThat(missing).as("accepted but never delivered (seed %d)", seed).isEmpty();
      assertThat(delivered).allMatch(id -> id.startsWith("run"));
      assertThat(sandbox.ingest().testEvents()).hasSize(delivered.size()); // once each after dedup
    }
  }

  /**
   * Runs the child; kills it with SIGKILL {@code killAfterMs} after it is ready (-1: let it end).
   */
  private List<String> runChild(OursSandbox sandbox, String source, String run, long killAfterMs)
      throws Exception {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            cp,
            SpoolCrashChild.class.getName(),
            sandbox.baseUrl(),
            sandbox.apiKey(),
            sandbox.ingestBaseUrl(),
            source,
            dir.toString(),
            run);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    List<String> accepted = new ArrayList<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.startsWith("ACCEPTED ")) {
                    synchronized (accepted) {
                      accepted.add(line.substring(9));
                    }
                  } else if (line.equals("READY")) {
                    ready.complete(null);
                  } else if (line.startsWith("DRAINED")) {
                    synchronized (accepted) {
                      accepted.add(line);
                    }
                  }
                }
              } catch (java.io.IOException ignored) {
                // the process was killed
              }
              ready.complete(null);
            });
    reader.start();
    if (killAfterMs >= 0) {
      ready.get(60, TimeUnit.SECONDS);
      Thread.sleep(killAfterMs);
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    synchronized (accepted) {
      return new ArrayList<>(accepted);
    }
  }
}
