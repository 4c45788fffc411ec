package com.oursprivacy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.testing.LogCapture;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool on a full or broken disk (issue 22): finished events free their segments even when no
 * tombstone can be written, a full disk at start opens the spool drain-only, a failed preparation
 * is not retried on every event, and recovery sets aside the files it cannot use. The full disk is
 * a {@link FullDisk} that fails on demand; its clock only moves when the test moves it.
 */
class SpoolFullDiskTest {
  private static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path dir;
  private final FullDisk disk = new FullDisk();

  private static Event event(int i) {
    return Event.named("Purchase").userId("u" + i).distinctId("d" + i).property("i", i);
  }

  private static Envelope envelope(Event e) {
    Envelope env = new Envelope(e, null, 0);
    env.segment = 1;
    return env;
  }

  private static int frameLength(Event e) {
    return Spool.frame('A', Wire.rowJson(e).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .remaining();
  }

  private List<String> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("segment-"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<String> ids(List<Spool.Record> records) {
    return records.stream().map(r -> r.event.distinctId()).collect(Collectors.toList());
  }

  /** Waits until the spool's thread has prepared the next segment (its file has its full size). */
  private void awaitPrepared(Spool s) throws Exception {
    Path p = dir.resolve(Spool.PREPARED);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!(Files.exists(p) && Files.size(p) == s.mappedBytes(0))) {
      assertThat(System.nanoTime() - deadline).as("the next segment is prepared").isNegative();
      Thread.sleep(1);
    }
  }

  @Test
  void theRealDisksBackOffRunsOnTheMonotonicClock() {
    // a clock that stood still would keep a real spool refusing events after one full disk
    long before = System.nanoTime();
    long now = SpoolDisk.REAL.nanoTime();
    long after = System.nanoTime();

    assertThat(now - before).isNotNegative();
    assertThat(after - now).isNotNegative();
  }

  @Test
  void finishedEventsFreeTheirSegmentsWhenNoTombstoneCanBeWritten() throws Exception {
    try (LogCapture logs = new LogCapture();
        Spool s = Spool.open(dir, NEVER, frameLength(event(0)), disk)) {
      s.append(event(0)); // segment 1
      awaitPrepared(s);
      s.append(event(1)); // segment 2: the prepared one
      awaitPrepared(s);
      disk.full = true;
      s.append(event(2)); // segment 3: the last prepared one; no further segment can be made

      s.remove(List.of(envelope(event(0)), envelope(event(1)), envelope(event(2))));

      // the tombstones did not fit in segment 3, yet segments 1 and 2 are gone
      assertThat(segments()).containsExactly("segment-0000000000000003.log");
      assertThat(logs.text()).contains("could not record 3 final outcomes");
      int tries = disk.preparations.get();
      assertThatThrownBy(() -> s.append(event(3))).isInstanceOf(IOException.class);
      assertThat(disk.preparations.get()).as("no preparation during the back-off").isEqualTo(tries);

      disk.full = false;
      disk.later();
      assertThat(s.append(event(4))).isEqualTo(4); // spooling resumes by itself
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      // d2's tombstone could not be written: it is resent, with its distinctId
      assertThat(ids(s.recovered())).containsExactly("d2", "d4");
    }
  }

  @Test
  void aFullDiskAtStartOpensTheSpoolDrainOnly() throws Exception {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(0));
      s.append(event(1));
    }
    disk.full = true;
    try (LogCapture logs = new LogCapture();
        Spool s = Spool.open(dir, Duration.ZERO, Spool.SEGMENT_BYTES, disk)) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d1");
      assertThat(logs.text()).contains("opened drain-only");
      assertThatThrownBy(() -> s.append(event(2)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("No space left on device");

      s.remove(List.of(envelope(event(0)), envelope(event(1))));

      assertThat(segments()).isEmpty(); // delivered: their space is free
      disk.full = false;
      disk.later();
      assertThat(s.append(event(3))).isEqualTo(2);
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d3");
    }
  }

  @Test
  void aFailedPreparationIsRetriedAfterABackOffThatDoubles() throws Exception {
    disk.full = true;
    try (Spool s = Spool.open(dir, Duration.ZERO, Spool.SEGMENT_BYTES, disk)) {
      assertThat(disk.preparations.get()).isEqualTo(1);
      for (int i = 0; i < 100; i++) {
        int n = i;
        assertThatThrownBy(() -> s.append(event(n))).isInstanceOf(IOException.class);
      }
      assertThat(disk.preparations.get()).as("no 4 MiB rewrite per event").isEqualTo(1);

      disk.nanos.addAndGet(Spool.PREPARE_BACKOFF_NANOS); // 1 s: try again, fail again
      assertThatThrownBy(() -> s.append(event(0))).isInstanceOf(IOException.class);
      assertThat(disk.preparations.get()).isEqualTo(2);
      disk.nanos.addAndGet(Spool.PREPARE_BACKOFF_NANOS); // 1 s of the 2 s now due
      assertThatThrownBy(() -> s.append(event(0))).isInstanceOf(IOException.class);
      assertThat(disk.preparations.get()).isEqualTo(2);
      disk.nanos.addAndGet(Spool.PREPARE_BACKOFF_NANOS);
      disk.full = false;
      assertThat(s.append(event(0))).isEqualTo(1);
    }
  }

  @Test
  void recoverySetsAsideFilesItCannotUseAndNamesThem() throws Exception {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(0)); // segment 1
    }
    Files.write(dir.resolve("segment-0000000000000000.log"), new byte[4096]); // zeroed, not last
    Files.createDirectory(dir.resolve("segment-0000000000000005.log")); // not a regular file
    try (RandomAccessFile huge =
        new RandomAccessFile(dir.resolve("segment-0000000000000003.log").toFile(), "rw")) {
      huge.setLength(1L << 30); // 1 GiB, sparse: once read whole, an OutOfMemoryError
    }

    try (LogCapture logs = new LogCapture();
        Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d0");
      assertThat(logs.text())
          .contains("segment-0000000000000000.log cannot be used (all 4096 bytes are zeros")
          .contains("segment-0000000000000005.log cannot be used (not a regular file)")
          .contains("segment-0000000000000003.log cannot be used (too large for a segment")
          .contains("the events it held, if any, are lost");
      assertThat(s.append(event(1))).isEqualTo(2);
    }
    try (Stream<Path> q = Files.list(dir.resolve(Spool.QUARANTINE))) {
      assertThat(q.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "segment-0000000000000000.log",
              "segment-0000000000000003.log",
              "segment-0000000000000005.log");
    }
  }

  @Test
  void spoolFilesAreReadableByTheirOwnerOnly() throws Exception {
    Path spool = dir.resolve("spool");
    try (Spool s = Spool.open(spool, Duration.ZERO)) {
      s.append(event(0));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool)))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(spool)) {
        assertThat(files)
            .isNotEmpty()
            .allSatisfy(
                f ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as("%s", f.getFileName())
                        .isEqualTo("rw-------"));
      }
    }
  }

  @Test
  void aSpoolLeftReadableToAllIsNarrowedToItsOwner() throws Exception {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(0));
    }
    Path seg = dir.resolve("segment-0000000000000001.log");
    Files.setPosixFilePermissions(seg, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d0");
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seg)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
  }
}
