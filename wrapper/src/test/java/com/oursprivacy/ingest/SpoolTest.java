package com.oursprivacy.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.ingest.Outcome.Kind;
import com.oursprivacy.testing.LogCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  private static Event event(int i) {
    return Event.named("Purchase").userId("u" + i).distinctId("d" + i).property("i", i);
  }

  private static Envelope envelope(Event e, long segment) {
    Envelope env = new Envelope(e, null, 0);
    env.segment = segment;
    return env;
  }

  private static List<String> ids(List<Spool.Record> records) {
    return records.stream().map(r -> r.event.distinctId()).collect(Collectors.toList());
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("segment-"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void unfinishedEventsAreRecoveredInOrderWithTheirOriginalRows() throws IOException {
    List<Envelope> written = new ArrayList<>();
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      for (int i = 0; i < 4; i++) {
        written.add(envelope(event(i), s.append(event(i))));
      }
      s.remove(List.of(written.get(1)));
    }

    try (Spool s = Spool.open(dir, Duration.ofMillis(10))) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d2", "d3");
      assertThat(s.skipped()).isZero();
      Event back = s.recovered().get(0).event;
      assertThat(back.spooledRow()).isEqualTo(Wire.rowJson(event(0)));
      assertThat(back.name()).isEqualTo("Purchase");
      assertThat(back.userId()).contains("u0");
      assertThat(back.properties()).containsEntry("i", 0.0);
    }
  }

  @Test
  void aSegmentIsDeletedOnceEveryEventInItIsFinal() throws IOException {
    Spool s1 = Spool.open(dir, Duration.ZERO);
    long segment = s1.append(event(0));
    s1.close();
    assertThat(segments()).hasSize(1);
    try (Spool again = Spool.open(dir, Duration.ZERO)) {
      Spool.Record r = again.recovered().get(0);
      assertThat(segments()).hasSize(2); // the old one (1 live event) and the new active one
      again.remove(List.of(envelope(r.event, r.segment)));
      assertThat(segments()).hasSize(1); // the old one is gone
      assertThat(r.segment).isEqualTo(segment);
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).isEmpty();
    }
  }

  @Test
  void aTornTailIsSkippedAndReportedAndEverythingBeforeItRecovered() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(0));
      s.append(event(1));
    }
    Path seg = segments().get(0);
    byte[] full = Files.readAllBytes(seg);
    ByteBuffer third =
        Spool.frame('A', Wire.rowJson(event(2)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] torn = new byte[third.remaining() / 2]; // the process died mid-write
    third.get(torn);
    Files.write(seg, torn, StandardOpenOption.APPEND);

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d1");
      assertThat(s.skipped()).isEqualTo(1);
    }
    assertThat(full.length).isPositive();
  }

  @Test
  void aCorruptRecordIsSkippedAndTheRecordsAfterItAreStillRead() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      for (int i = 0; i < 3; i++) {
        s.append(event(i));
      }
    }
    Path seg = segments().get(0);
    byte[] data = Files.readAllBytes(seg);
    int second = indexOfMagic(data, 1);
    data[second + 20] ^= 0x5A; // flip bits inside the second record's payload
    Files.write(seg, data);

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d2");
      assertThat(s.skipped()).isEqualTo(1);
    }
  }

  @Test
  void garbageAndForeignFilesNeverCrashRecovery() throws IOException {
    Files.write(
        dir.resolve("segment-0000000000000001.log"),
        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
    Files.write(dir.resolve("segment-x.log"), new byte[] {1});
    ByteBuffer notJson =
        Spool.frame('A', "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] b = new byte[notJson.remaining()];
    notJson.get(b);
    Files.write(dir.resolve("segment-0000000000000002.log"), b);

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).isEmpty();
      assertThat(s.skipped()).isEqualTo(2);
    }
  }

  @Test
  void oneDirectoryServesOneTrackerAtATime() {
    Spool s = Spool.open(dir, Duration.ZERO);
    assertThatThrownBy(() -> Spool.open(dir, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in use by another tracker");
    s.close();
    Spool.open(dir, Duration.ZERO).close(); // released by close
  }

  @Test
  void segmentsRollOverAtTheirSizeLimit() throws IOException {
    String big = "x".repeat(1_900);
    try (Spool s = Spool.open(dir, Duration.ofMillis(1))) {
      long first = s.append(event(0).property("pad", big));
      long last = first;
      for (int i = 1; i < 2_300; i++) {
        last = s.append(event(i).property("pad", big));
      }
      assertThat(last).isGreaterThan(first);
    }
    assertThat(segments().size()).isGreaterThan(1);
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static byte[] header(int magic, int length) {
    return ByteBuffer.allocate(12).putInt(magic).putInt(length).putInt(0).array();
  }

  @Test
  void everyFieldOfARecoveredEventIsReadBack() throws IOException {
    java.time.Instant at = java.time.Instant.ofEpochMilli(1_700_000_000_123L);
    Event full =
        Event.named("Purchase")
            .userId("u1")
            .externalId("x1")
            .email("a@b.c")
            .distinctId("d1")
            .at(at)
            .property("sku", "A1");
    Event bare = Event.named("Bare").email("e@x.y").distinctId("d2");
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(full);
      s.append(bare);
    }

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      Event a = s.recovered().get(0).event;
      Event b = s.recovered().get(1).event;
      assertThat(a.time()).contains(at);
      assertThat(a.userId()).contains("u1");
      assertThat(a.externalId()).contains("x1");
      assertThat(a.email()).contains("a@b.c");
      assertThat(a.properties()).containsEntry("sku", "A1");
      assertThat(b.name()).isEqualTo("Bare");
      assertThat(b.email()).contains("e@x.y");
      assertThat(b.userId()).isEmpty();
      assertThat(b.externalId()).isEmpty();
      assertThat(b.time()).isEmpty();
      assertThat(b.properties()).isEmpty();
      assertThat(s.skipped()).isZero();
    }
  }

  @Test
  void aNewProcessWritesAfterTheSegmentsItRecovered() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.append(event(0))).isEqualTo(1);
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).extracting(r -> r.segment).containsExactly(1L);
      assertThat(s.append(event(1))).isEqualTo(2);
    }
  }

  @Test
  void aSegmentWhoseEventsAreAllFinalIsDeletedOnRecovery() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      long seg = s.append(event(0));
      s.remove(List.of(envelope(event(0), seg))); // the active segment is kept while open
      assertThat(segments()).hasSize(1);
    }

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).isEmpty();
      assertThat(s.append(event(1))).isEqualTo(1); // numbering starts again
    }
    assertThat(segments()).hasSize(1);
  }

  @Test
  void onlyTheOldestFinishedSegmentsAreDeleted() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(0));
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(1)); // segment 2
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) { // segments 1, 2 recovered; 3 active
      Spool.Record r0 = s.recovered().get(0);
      Spool.Record r1 = s.recovered().get(1);
      s.remove(List.of(envelope(r1.event, r1.segment)));
      assertThat(segments()).hasSize(3); // segment 2 is done but segment 1 is not

      s.remove(List.of(envelope(r0.event, r0.segment)));
      assertThat(segments()).hasSize(1); // both gone; the active one stays
    }
  }

  @Test
  void removingAnItemWithoutDistinctIdOrAfterCloseChangesNothing() throws IOException {
    Spool s = Spool.open(dir, Duration.ZERO);
    long seg = s.append(event(0));
    Envelope identify = new Envelope(Identify.user("u"), null, 0);
    long before = Files.size(segments().get(0));
    s.remove(List.of(identify));
    assertThat(Files.size(segments().get(0))).isEqualTo(before);
    s.close();
    s.remove(List.of(envelope(event(0), seg))); // no exception, no tombstone
    s.close(); // idempotent

    try (Spool again = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(again.recovered())).containsExactly("d0");
    }
  }

  @Test
  void impossibleLengthsAreSkippedAndRecoveryResynchronises() throws IOException {
    byte[] good = bytes(Spool.frame('A', Wire.rowJson(event(7)).getBytes(UTF_8)));
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    data.write(header(Spool.MAGIC, 0)); // empty record
    data.write(good);
    data.write(header(Spool.MAGIC, Spool.MAX_RECORD + 1)); // longer than any record
    data.write(good);
    data.write(header(Spool.MAGIC, 1_000)); // runs past the end of the file
    Files.write(dir.resolve("segment-0000000000000001.log"), data.toByteArray());

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d7");
      assertThat(s.skipped()).isEqualTo(3);
    }
  }

  @Test
  void aRecordOfTheLargestAcceptedSizeIsRecovered() throws IOException {
    String head =
        "{\"event\":\"Big\",\"distinctId\":\"big\",\"userId\":\"u\",\"eventProperties\":{\"pad\":\"";
    String tail = "\"}}";
    int pad = Spool.MAX_RECORD - 1 - head.length() - tail.length(); // 1: the record type
    byte[] row = (head + "x".repeat(pad) + tail).getBytes(UTF_8);
    Files.write(dir.resolve("segment-0000000000000001.log"), bytes(Spool.frame('A', row)));

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("big");
      assertThat(s.skipped()).isZero();
    }
  }

  @Test
  void aRecordOfExactlyTheFileLengthAndAShortTailAreHandled() throws IOException {
    byte[] good = bytes(Spool.frame('A', Wire.rowJson(event(1)).getBytes(UTF_8)));
    Files.write(dir.resolve("segment-0000000000000001.log"), good); // ends exactly at the end
    byte[] shortTail = java.util.Arrays.copyOf(good, good.length + 5); // 5 bytes: no header
    System.arraycopy(good, 0, shortTail, good.length, 5); // non-zero: not a zero tail
    Files.write(dir.resolve("segment-0000000000000002.log"), shortTail);

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).hasSize(1); // both segments hold d1: it is recovered once
      assertThat(s.skipped()).isEqualTo(1); // the 5-byte tail
    }
  }

  @Test
  void aRecordThatIsNotAnObjectOrLacksFieldsIsSkipped() throws IOException {
    java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
    data.write(bytes(Spool.frame('A', "[1]".getBytes(UTF_8))));
    data.write(bytes(Spool.frame('A', "{\"event\":\"E\"}".getBytes(UTF_8))));
    data.write(bytes(Spool.frame('A', Wire.rowJson(event(3)).getBytes(UTF_8))));
    Files.write(dir.resolve("segment-0000000000000001.log"), data.toByteArray());

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d3");
      assertThat(s.skipped()).isEqualTo(2);
    }
  }

  @Test
  void theFsyncThreadIsADaemonThatEndsWithTheSpool() throws InterruptedException {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    Spool s = Spool.open(dir, Duration.ofMillis(5));
    Thread syncer =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("ours-tracker-spool-sync") && !before.contains(t))
            .findFirst()
            .orElseThrow();
    assertThat(syncer.isDaemon()).isTrue();

    s.close();
    syncer.join(10_000);

    assertThat(syncer.isAlive()).isFalse();
  }

  // ---- compaction ----

  private static final long SMALL_SEGMENT = 1_024;

  private static int frameLength(Event e) {
    return Spool.frame('A', Wire.rowJson(e).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .remaining();
  }

  private static long bytes(List<Path> files) throws IOException {
    long n = 0;
    for (Path p : files) {
      n += Files.size(p);
    }
    return n;
  }

  @Test
  void anEventThatKeepsFailingDoesNotKeepItsSegmentAndThoseBehindItOnDisk() throws IOException {
    try (Spool s = Spool.open(dir, NEVER, SMALL_SEGMENT)) { // compaction forces on its own
      s.append(event(0)); // never final: it keeps failing
      long maxBytes = 0;
      for (int i = 1; i < 2_000; i++) {
        s.append(event(i));
        s.remove(List.of(envelope(event(i), -1)));
        maxBytes = Math.max(maxBytes, bytes(segments()));
      }

      assertThat(s.compactions()).isPositive();
      assertThat(segments()).hasSizeLessThanOrEqualTo(3);
      // without compaction: 2,000 rows and tombstones, about 200 KB in some 200 segments
      assertThat(maxBytes).isLessThan(4 * SMALL_SEGMENT);
    }
    try (Spool s = Spool.open(dir, Duration.ZERO, SMALL_SEGMENT)) {
      assertThat(ids(s.recovered())).containsExactly("d0");
      assertThat(s.recovered().get(0).event.spooledRow()).isEqualTo(Wire.rowJson(event(0)));
      assertThat(s.skipped()).isZero();
    }
  }

  @Test
  void aSegmentWithManyUnfinishedRowsIsNotCompacted() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO, SMALL_SEGMENT)) {
      for (int i = 0; i < 200; i++) {
        s.append(event(i)); // a backlog: nothing final yet
      }
      assertThat(s.compactions()).isZero();
      assertThat(segments().size()).isGreaterThan(3);
    }
  }

  @Test
  void aCrashAtAnyPointOfACompactionLosesNothingAndDuplicatesNothing() throws IOException {
    Path snapshot = Files.createDirectories(dir.resolve("snapshot"));
    Path spoolDir = Files.createDirectories(dir.resolve("spool"));
    java.util.Set<String> live = new java.util.LinkedHashSet<>();
    List<java.util.Set<String>> liveAtCrash = new ArrayList<>();
    int copied = frameLength(event(0)) + frameLength(event(1));
    FullDisk disk = new FullDisk();
    try (Spool s = Spool.open(spoolDir, Duration.ZERO, SMALL_SEGMENT, disk)) {
      // d0 and d1 keep the oldest segment: the first segment deleted is the compaction's
      disk.beforeDiscard =
          () -> {
            if (liveAtCrash.isEmpty()) {
              liveAtCrash.add(new java.util.HashSet<>(live));
              copyDir(spoolDir, snapshot); // what a kill -9 right now would leave
            }
          };
      for (int i = 0; i < 60; i++) {
        live.add("d" + i);
        s.append(event(i));
        if (i >= 2) { // d0 and d1 never become final
          s.remove(List.of(envelope(event(i), -1)));
          live.remove("d" + i);
        }
      }
      assertThat(s.compactions()).isPositive();
    }
    assertThat(liveAtCrash).hasSize(1);
    java.util.Set<String> expected = liveAtCrash.get(0);
    assertThat(expected).contains("d0", "d1");

    List<Path> files = segmentsIn(snapshot);
    Path newest = files.get(files.size() - 1);
    byte[] newestBytes = Files.readAllBytes(newest);
    int full = writtenEnd(newestBytes); // the rest is the preallocated zero tail
    assertThat(full).isLessThan(newestBytes.length);
    // killed after every copy (before the delete), and torn at every point of the copies: what
    // was not yet copied into the mapping is still zeros
    for (int cut = full; cut >= full - copied; cut -= 3) {
      Path trial = Files.createDirectories(dir.resolve("trial-" + cut));
      copyDir(snapshot, trial);
      byte[] torn = newestBytes.clone();
      java.util.Arrays.fill(torn, cut, full, (byte) 0);
      Files.write(trial.resolve(newest.getFileName()), torn);
      try (Spool s = Spool.open(trial, Duration.ZERO, SMALL_SEGMENT)) {
        List<String> back = ids(s.recovered());
        assertThat(back).as("cut at %d of %d", cut, full).doesNotHaveDuplicates();
        assertThat(back)
            .as("cut at %d of %d", cut, full)
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
    try (Spool s = Spool.open(spoolDir, Duration.ZERO, SMALL_SEGMENT)) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d1");
    }
  }

  @Test
  void aFinishedSegmentBetweenTwoLiveOnesKeepsItsTombstonesThroughRecovery() throws IOException {
    long twoRows = frameLength(event(0)) + 1L; // a segment takes two rows, then rolls
    // segment 1: d0 (live), d1; segment 2: d2 and the tombstone of d1; segment 3: d3 (live) and
    // the tombstone of d2. Segment 2 holds nothing unfinished but must stay: deleting it would
    // bring d1 back.
    try (Spool s = Spool.open(dir, Duration.ZERO, twoRows)) {
      s.append(event(0));
      s.append(event(1));
      s.append(event(2));
      s.remove(List.of(envelope(event(1), -1)));
      s.append(event(3));
      s.remove(List.of(envelope(event(2), -1)));
    }
    for (int reopen = 0; reopen < 2; reopen++) {
      try (Spool s = Spool.open(dir, Duration.ZERO, twoRows)) {
        assertThat(ids(s.recovered()))
            .as("reopened %d times", reopen + 1)
            .containsExactly("d0", "d3");
      }
    }
  }

  private static List<Path> segmentsIn(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().startsWith("segment-"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static void copyDir(Path from, Path to) {
    try {
      for (Path p : segmentsIn(from)) {
        Files.copy(
            p, to.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The end of what was written to a segment: the index after its last non-zero byte. */
  private static int writtenEnd(byte[] data) {
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
      end--;
    }
    return end;
  }

  // ---- preallocated, mapped segments ----

  @Test
  void aCrashLeavesAPreallocatedSegmentWhoseZeroTailIsTheEndOfTheLog() throws IOException {
    Path crashed = Files.createDirectories(dir.resolve("crashed"));
    Path spoolDir = Files.createDirectories(dir.resolve("spool"));
    try (Spool s = Spool.open(spoolDir, NEVER, SMALL_SEGMENT)) {
      s.append(event(0));
      s.append(event(1));
      copyDir(spoolDir, crashed); // what a kill -9 right now would leave: no fsync, no close
      Path seg = segmentsIn(crashed).get(0);
      assertThat(Files.size(seg)).isEqualTo(s.mappedBytes(0)); // preallocated, not grown
      assertThat(s.mappedBytes(0)).isEqualTo(SMALL_SEGMENT + SMALL_SEGMENT / 4);
      byte[] data = Files.readAllBytes(seg);
      assertThat(writtenEnd(data)).isEqualTo(frameLength(event(0)) + frameLength(event(1)));
    }
    try (Spool s = Spool.open(crashed, Duration.ZERO, SMALL_SEGMENT)) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d1");
      assertThat(s.skipped()).isZero(); // the zero tail is not a torn record
    }
  }

  @Test
  void aRecordTornBeforeTheZeroTailIsSkippedAndReported() throws IOException {
    byte[] first = bytes(Spool.frame('A', Wire.rowJson(event(0)).getBytes(UTF_8)));
    byte[] second = bytes(Spool.frame('A', Wire.rowJson(event(1)).getBytes(UTF_8)));
    byte[] data = new byte[first.length + second.length + 4_096];
    System.arraycopy(first, 0, data, 0, first.length);
    System.arraycopy(second, 0, data, first.length, second.length / 2); // killed mid-copy
    Files.write(dir.resolve("segment-0000000000000001.log"), data);

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d0");
      assertThat(s.skipped()).isEqualTo(1);
    }
  }

  @Test
  void aSegmentOfZerosOnlyHoldsNothingAndIsNotReported() throws IOException {
    Files.write(dir.resolve("segment-0000000000000001.log"), new byte[4_096]);
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).isEmpty();
      assertThat(s.skipped()).isZero();
      assertThat(segments()).hasSize(1); // it held nothing alive: deleted; only the new one
    }
  }

  @Test
  void theNextSegmentIsPreparedAheadAndTheRollUsesIt() throws Exception {
    Path prepared = dir.resolve(Spool.PREPARED);
    try (Spool s = Spool.open(dir, NEVER, frameLength(event(0)))) {
      awaitFile(prepared, s.mappedBytes(0));
      assertThat(s.append(event(0))).isEqualTo(1);
      assertThat(s.append(event(1))).isEqualTo(2); // rolls into the prepared file
      List<Path> files = segments();
      assertThat(files).hasSize(2);
      assertThat(Files.size(files.get(1))).isEqualTo(s.mappedBytes(0));
      awaitFile(prepared, s.mappedBytes(0)); // and the one after is prepared again
    }
    assertThat(prepared).doesNotExist(); // close removes it
  }

  private static void awaitFile(Path p, long size) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (!(Files.exists(p) && Files.size(p) == size) && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(p).exists();
    assertThat(Files.size(p)).isEqualTo(size);
  }

  @Test
  void aPreparedSegmentLeftByADeadProcessIsDiscarded() throws IOException {
    Files.write(dir.resolve(Spool.PREPARED), new byte[] {1, 2, 3});
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(0));
      assertThat(s.skipped()).isZero();
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d0");
    }
  }

  @Test
  void aRecordLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
    Event big = event(1).property("pad", "x".repeat(5_000));
    try (Spool s = Spool.open(dir, NEVER, SMALL_SEGMENT)) {
      assertThat(s.append(event(0))).isEqualTo(1);
      assertThat(s.append(big)).isEqualTo(2);
      assertThat(s.append(event(2))).isEqualTo(3); // the big one filled its segment
    }
    try (Spool s = Spool.open(dir, Duration.ZERO, SMALL_SEGMENT)) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d1", "d2");
      assertThat(s.recovered().get(1).event.spooledRow()).isEqualTo(Wire.rowJson(big));
    }
  }

  @Test
  void tombstonesThatDoNotFitRollToANewSegment() throws IOException {
    List<Envelope> done = new ArrayList<>();
    try (Spool s = Spool.open(dir, NEVER, SMALL_SEGMENT)) {
      s.append(event(0)); // stays unfinished
      for (int i = 1; i < 8; i++) {
        done.add(envelope(event(i), s.append(event(i))));
      }
      for (int i = 100; i < 200; i++) {
        done.add(envelope(event(i), -1)); // 100 more tombstones: larger than a whole segment
      }
      long before = s.forces();
      s.remove(done);
      assertThat(s.forces()).isEqualTo(before + 1); // the full segment was forced on the roll
      assertThat(segments()).hasSizeGreaterThan(1);
    }
    try (Spool s = Spool.open(dir, Duration.ZERO, SMALL_SEGMENT)) {
      assertThat(ids(s.recovered())).containsExactly("d0");
      assertThat(s.skipped()).isZero();
    }
  }

  @Test
  void aRollThatIsNotForcedByTheSizeLimitStillTriggersCompaction() throws IOException {
    int f = frameLength(event(0));
    try (Spool s = Spool.open(dir, NEVER, 4L * f)) { // 4 rows, mapped 5 rows
      for (int i = 0; i < 8; i++) {
        s.append(event(i)); // segment 1: d0..d3, segment 2: d4..d7
      }
      s.append(event(1)); // rolls to segment 3; d1 of segment 1 is superseded
      s.append(event(2));
      s.append(event(3)); // segment 1 now holds one live row of four, but nothing rolled
      assertThat(s.compactions()).isZero();
      // too large for the room left in segment 3, though under its size limit: rolls
      assertThat(s.append(event(9).property("pad", "x".repeat(3 * f)))).isEqualTo(4);
      assertThat(s.compactions()).isEqualTo(1);
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered()))
          .containsExactlyInAnyOrder("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d9");
      assertThat(s.skipped()).isZero();
    }
  }

  @Test
  void aWriteThatExactlyFillsTheMappingStaysInItsSegment() throws IOException {
    try (Spool s = Spool.open(dir, NEVER, SMALL_SEGMENT)) {
      s.append(event(0));
      int room = s.mappedBytes(0) - frameLength(event(0));
      String exact = "x".repeat(room - 13); // a tombstone frame: 12 header bytes, 'D', the id
      s.remove(List.of(envelope(Event.named("E").distinctId(exact), -1)));
      assertThat(segments()).hasSize(1);
      s.remove(List.of(envelope(Event.named("E").distinctId("y"), -1)));
      assertThat(segments()).hasSize(2); // the mapping was full: one more byte rolls
    }
  }

  @Test
  void aSegmentTheSpoolThreadFailedToPrepareIsPreparedByTheCaller() throws Exception {
    FullDisk disk = new FullDisk();
    try (LogCapture logs = new LogCapture();
        Spool s = Spool.open(dir, NEVER, frameLength(event(0)), disk)) {
      awaitFile(dir.resolve(Spool.PREPARED), s.mappedBytes(0)); // the next one is ready
      disk.failNext.set(1);
      assertThat(s.append(event(0))).isEqualTo(1);
      assertThat(s.append(event(1))).isEqualTo(2); // takes the ready one; the next one fails
      assertThat(s.append(event(2))).isEqualTo(3); // prepared here instead
      assertThat(disk.failures.get()).isEqualTo(1);
      assertThat(logs.text()).contains("preparing a segment failed");
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d1", "d2");
    }
  }

  @Test
  void aSegmentThatCannotBePreparedFailsOnlyTheAppendThatNeedsIt() throws Exception {
    FullDisk disk = new FullDisk();
    try (Spool s = Spool.open(dir, NEVER, frameLength(event(0)), disk)) {
      awaitFile(dir.resolve(Spool.PREPARED), s.mappedBytes(0));
      s.append(event(0));
      disk.full = true;
      s.append(event(1)); // the ready segment; preparing the one after fails
      assertThatThrownBy(() -> s.append(event(2)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("No space left");
      disk.full = false; // space again, once the back-off has passed
      disk.later();
      assertThat(s.append(event(3))).isEqualTo(3);
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d0", "d1", "d3");
    }
  }

  @Test
  void aSegmentIsPreallocatedToExactlyItsMappedSize() throws IOException {
    try (Spool s = Spool.open(dir, NEVER, 100_000)) { // not a multiple of the zeroing chunk
      s.append(event(0));
      assertThat(s.mappedBytes(0)).isEqualTo(125_000);
      assertThat(Files.size(segments().get(0))).isEqualTo(125_000);
      assertThat(writtenEnd(Files.readAllBytes(segments().get(0))))
          .isEqualTo(frameLength(event(0)));
    }
  }

  @Test
  void aCleanCloseTrimsTheActiveSegmentToItsRecords() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(0));
      assertThat(Files.size(segments().get(0))).isEqualTo(s.mappedBytes(0));
    }
    assertThat(Files.size(segments().get(0))).isEqualTo(frameLength(event(0)));
  }

  private static int indexOfMagic(byte[] data, int nth) {
    int seen = 0;
    for (int i = 0; i + 4 <= data.length; i++) {
      if (ByteBuffer.wrap(data, i, 4).getInt() == Spool.MAGIC && seen++ == nth) {
        return i;
      }
    }
    throw new AssertionError("no record " + nth);
  }

  // ---- through the tracker ----

  @Test
  void eventsAbandonedAtCloseAreSentFirstByTheNextTrackerWithTheirDistinctIds() {
    FakeTime time = new FakeTime();
    FakeTransport down = new FakeTransport(time);
    down.script = c -> FakeTransport.status(503);
    List<Outcome> first = new CopyOnWriteArrayList<>();
    TrackerConfig.Builder cfg =
        TrackerConfig.builder()
            .spool(dir)
            .spoolFsync(Duration.ZERO)
            .shutdownHook(false)
            .flushInterval(Duration.ofHours(1))
            .clock(time)
            .sleeper(time);
    Tracker t1 = new Tracker(cfg.listener(first::add).build(), down, "tok", Mode.TEST);
    for (int i = 0; i < 3; i++) {
      assertThat(t1.track(Event.named("E").userId("u" + i))).isTrue();
    }
    t1.close(Duration.ZERO);
    List<String> abandoned =
        first.stream()
            .filter(o -> o.kind() == Kind.ABANDONED)
            .map(o -> o.distinctId().orElseThrow())
            .collect(Collectors.toList());
    assertThat(abandoned).hasSize(3);
    assertThat(first)
        .filteredOn(o -> o.kind() == Kind.ABANDONED)
        .allSatisfy(o -> assertThat(o.reason()).contains("kept in the spool"));

    FakeTransport up = new FakeTransport(time);
    List<Outcome> second = new CopyOnWriteArrayList<>();
    Tracker t2 = new Tracker(cfg.listener(second::add).build(), up, "tok", Mode.TEST);
    t2.track(Event.named("New").userId("n").distinctId("fresh"));
    FlushReport r = t2.flush(Duration.ofSeconds(30));
    t2.close(Duration.ofSeconds(5));

    assertThat(r.completed()).isTrue();
    List<String> sentIds =
        up.calls.stream().flatMap(c -> c.distinctIds.stream()).collect(Collectors.toList());
    // leftovers first, then the new event; the listener may have reported the three abandoned
    // events in another order than the spool (append order) resends them
    assertThat(sentIds).hasSize(4).endsWith("fresh");
    assertThat(sentIds.subList(0, 3)).containsExactlyInAnyOrderElementsOf(abandoned);
    assertThat(second).filteredOn(o -> o.kind() == Kind.SENT).hasSize(4);
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).isEmpty(); // every final outcome removed its event
    }
  }

  @Test
  void identifyCallsAreNotSpooledAndFailedEventsLeaveTheSpool() {
    FakeTime time = new FakeTime();
    FakeTransport rejecting = new FakeTransport(time);
    rejecting.script = c -> FakeTransport.status(400);
    Tracker t =
        new Tracker(
            TrackerConfig.builder()
                .spool(dir)
                .shutdownHook(false)
                .clock(time)
                .sleeper(time)
                .build(),
            rejecting,
            "tok",
            Mode.TEST);
    t.track(Event.named("E").userId("u"));
    t.identify(Identify.user("u"));
    assertThat(t.flush(Duration.ofSeconds(30)).completed()).isTrue();
    assertThat(t.stats().failed()).isEqualTo(2); // the event may have failed before flush() began
    t.close(Duration.ofSeconds(5));

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).isEmpty();
    }
  }

  // ---- fsync policy, locking, compaction thresholds, recovery report ----

  private static final Duration NEVER = Duration.ofHours(1); // the timer never fires in a test

  @Test
  void withFsyncEveryEventEachAppendIsForcedBeforeItReturns() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      long before = s.forces();
      s.append(event(0));
      assertThat(s.forces()).isEqualTo(before + 1);
      s.append(event(1));
      assertThat(s.forces()).isEqualTo(before + 2);
      s.syncQuietly(); // no fsync thread in this mode: nothing is left dirty by an append
    }
  }

  @Test
  void withAnFsyncIntervalAppendsReturnWithoutForcingAndTheTimerForcesOnlyWhatIsDirty()
      throws IOException {
    Spool s = Spool.open(dir, NEVER);
    try {
      long before = s.forces();
      s.append(event(0));
      s.append(event(1));
      assertThat(s.forces()).isEqualTo(before);

      s.syncQuietly();
      assertThat(s.forces()).isEqualTo(before + 1);
      s.syncQuietly(); // nothing new: no fsync
      assertThat(s.forces()).isEqualTo(before + 1);

      s.remove(List.of(envelope(event(0), -1))); // a tombstone dirties the file too
      s.syncQuietly();
      assertThat(s.forces()).isEqualTo(before + 2);

      s.append(event(2));
      s.close(); // the final fsync
      assertThat(s.forces()).isEqualTo(before + 3);
      s.syncQuietly(); // closed: never touches the channel again
      assertThat(s.forces()).isEqualTo(before + 3);
    } finally {
      s.close();
    }
  }

  @Test
  void theFsyncThreadForcesADirtySegmentOnItsOwn() throws Exception {
    try (Spool s = Spool.open(dir, Duration.ofMillis(1))) {
      long before = s.forces();
      s.append(event(0));
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      while (s.forces() == before && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(s.forces()).isGreaterThan(before);
    }
  }

  @Test
  void aFullSegmentIsForcedBeforeTheNextOneStarts() throws IOException {
    try (Spool s = Spool.open(dir, NEVER, frameLength(event(0)))) {
      long before = s.forces();
      s.append(event(0));
      assertThat(s.forces()).isEqualTo(before);
      s.append(event(1)); // rolls: segment 1 is forced and closed
      assertThat(s.forces()).isEqualTo(before + 1);
    }
  }

  @Test
  void aSegmentRollsAsSoonAsItHoldsExactlyItsSizeLimit() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO, frameLength(event(0)))) {
      assertThat(s.append(event(0))).isEqualTo(1);
      assertThat(s.append(event(1))).isEqualTo(2);
      assertThat(s.append(event(2))).isEqualTo(3);
    }
  }

  @Test
  void readingTheCountersLeavesTheSpoolUsableFromOtherThreads() throws Exception {
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.skipped()).isZero();
      assertThat(s.compactions()).isZero();
      java.util.concurrent.ExecutorService other =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      try {
        long seg =
            other.submit(() -> s.append(event(0))).get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(seg).isEqualTo(1);
      } finally {
        other.shutdownNow();
      }
    }
  }

  @Test
  void afterCloseAnotherThreadIsToldTheSpoolIsClosedAtOnce() throws Exception {
    Spool s = Spool.open(dir, Duration.ZERO);
    s.close();
    java.util.concurrent.ExecutorService other =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<Long> f = other.submit(() -> s.append(event(0)));
      assertThatThrownBy(() -> f.get(20, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(IOException.class)
          .hasMessageContaining("spool closed");
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void theSameDistinctIdWrittenAgainFreesItsOlderSegment() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO, frameLength(event(0)))) {
      s.append(event(0));
      long second = s.append(event(0)); // a resend under the same id, in segment 2
      assertThat(second).isEqualTo(2);
      s.remove(List.of(envelope(event(0), second)));

      assertThat(segments())
          .extracting(p -> p.getFileName().toString())
          .containsExactly("segment-0000000000000002.log");
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(s.recovered()).isEmpty();
    }
  }

  /** Three segments of four rows, four rows and one row: d0-d3, d4-d7, d8. */
  private Spool threeSegments(Duration fsync) throws IOException {
    Spool s = Spool.open(dir, fsync, 4L * frameLength(event(0)));
    for (int i = 0; i < 9; i++) {
      s.append(event(i));
    }
    assertThat(segments()).hasSize(3);
    return s;
  }

  private static List<Envelope> finals(int... ids) {
    List<Envelope> out = new ArrayList<>();
    for (int i : ids) {
      out.add(envelope(event(i), -1));
    }
    return out;
  }

  @Test
  void theOldestOfThreeSegmentsIsCompactedOnTheRemoveThatLeavesAQuarterOfItsRows()
      throws IOException {
    try (Spool s = threeSegments(NEVER)) {
      s.remove(finals(0, 1)); // half of segment 1 unfinished: kept as it is
      assertThat(s.compactions()).isZero();
      long before = s.forces();

      s.remove(finals(2)); // exactly a quarter left: d3 moves, segment 1 goes at once

      assertThat(s.compactions()).isEqualTo(1);
      assertThat(s.forces()).isEqualTo(before + 1); // the copy is forced before the delete
      assertThat(segments())
          .extracting(p -> p.getFileName().toString())
          .containsExactly("segment-0000000000000002.log", "segment-0000000000000003.log");
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d4", "d5", "d6", "d7", "d8", "d3");
      assertThat(s.recovered().get(5).event.spooledRow()).isEqualTo(Wire.rowJson(event(3)));
      assertThat(s.skipped()).isZero();
    }
  }

  @Test
  void twoSegmentsAreNeverCompacted() throws IOException {
    try (Spool s = Spool.open(dir, Duration.ZERO, 4L * frameLength(event(0)))) {
      for (int i = 0; i < 5; i++) {
        s.append(event(i)); // d0-d3 in segment 1, d4 in segment 2
      }
      s.remove(finals(0, 1, 2));
      assertThat(s.compactions()).isZero();
      assertThat(segments()).hasSize(2);
    }
  }

  @Test
  void compactionCopiesTheUnfinishedRowsInTheOrderTheyWereWritten() throws IOException {
    // d9 before d1 in the file; a hash map would hand them out the other way round
    int[] first = {9, 1, 2, 3, 4, 5, 6, 7};
    try (Spool s = Spool.open(dir, Duration.ZERO, 8L * frameLength(event(0)))) {
      for (int i : first) {
        s.append(event(i));
      }
      for (int i = 10; i < 19; i++) {
        s.append(event(i)); // segment 2: d10-d17 (longer rows), segment 3: d18
      }
      assertThat(segments()).hasSize(3);
      s.remove(finals(2, 3, 4, 5, 6, 7)); // a quarter of segment 1 left: d9 and d1 move

      assertThat(s.compactions()).isEqualTo(1);
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      List<String> back = ids(s.recovered());
      assertThat(back.subList(back.size() - 2, back.size())).containsExactly("d9", "d1");
    }
  }

  @Test
  void rowsRecoveredFromAnEarlierProcessAreCompactedLikeNewOnes() throws IOException {
    threeSegments(Duration.ZERO).close();
    try (Spool s = Spool.open(dir, Duration.ZERO, 4L * frameLength(event(0)))) {
      assertThat(s.recovered()).hasSize(9);
      s.remove(finals(0, 1, 2)); // a quarter of recovered segment 1 left

      assertThat(s.compactions()).isEqualTo(1);
      assertThat(segments())
          .extracting(p -> p.getFileName().toString())
          .doesNotContain("segment-0000000000000001.log");
    }
    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      assertThat(ids(s.recovered())).containsExactly("d4", "d5", "d6", "d7", "d8", "d3");
      assertThat(s.recovered().get(5).event.spooledRow()).isEqualTo(Wire.rowJson(event(3)));
      assertThat(s.skipped()).isZero();
    }
  }

  @Test
  void recoveryReportsWhatItFoundAtInfoAndStaysQuietWhenThereIsNothing() throws IOException {
    String report = "from an earlier process will be sent first";
    try (LogCapture logs = new LogCapture()) {
      Spool.open(dir, Duration.ZERO).close();
      assertThat(logs.text()).doesNotContain(report);
    }

    try (Spool s = Spool.open(dir, Duration.ZERO)) {
      s.append(event(0));
    }
    try (LogCapture logs = new LogCapture()) {
      Spool.open(dir, Duration.ZERO).close();
      assertThat(logs.text()).contains("1 unfinished events " + report + "; 0 torn");
      assertThat(logs.records())
          .filteredOn(r -> r.getMessage().contains(report))
          .singleElement()
          .satisfies(r -> assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.INFO));
    }
  }

  @Test
  void aSpoolWithOnlyACorruptRecordStillReportsItAtRecovery() throws IOException {
    Files.write(dir.resolve("segment-0000000000000001.log"), header(Spool.MAGIC, 5));
    try (LogCapture logs = new LogCapture()) {
      try (Spool s = Spool.open(dir, Duration.ZERO)) {
        assertThat(s.recovered()).isEmpty();
        assertThat(s.skipped()).isEqualTo(1);
      }
      assertThat(logs.text())
          .contains("0 unfinished events from an earlier process will be sent first; 1 torn")
          .contains("skipping a torn or corrupt record in segment 1 at byte 0");
    }
  }
}
